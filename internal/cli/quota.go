package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/quota"
)

// quotaPath is where the native REST API serves the quotas.
const quotaPath = "/quotas"

func newQuotaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quota",
		Short: "Hard and soft quotas per bucket and per account, on bytes and objects",
		Long: `SCOPE is bucket/NAME or account/NAME. Bytes are logical bytes (the sum of
the sizes of every version); objects are versions holding data. A write
beyond a hard limit gets S3's QuotaExceeded (403), or ENOSPC in a mount; a
scope beyond a soft limit raises an alert (quota alerts, the log, and the
strata_quota_soft_exceeded metric).`,
	}
	cmd.AddCommand(newQuotaListCmd(), newQuotaGetCmd(), newQuotaSetCmd(), newQuotaDeleteCmd(), newQuotaAlertsCmd())
	return cmd
}

// quotaScopePath is the API path of a scope given on the command line.
func quotaScopePath(arg string) (string, error) {
	kind, name, ok := strings.Cut(arg, "/")
	if !ok || (kind != quota.Bucket && kind != quota.Account) || name == "" {
		return "", fmt.Errorf("scope %q: bucket/NAME or account/NAME", arg)
	}
	return quotaPath + "/" + kind + "/" + name, nil
}

// quotaCall runs one API call and prints its JSON answer, or hands it to
// table for the aligned output.
func quotaCall(cmd *cobra.Command, a *adminFlags, asJSON bool, method, path string, body []byte, table func([]byte) error) error {
	var buf jsonBuffer
	if err := a.apiCall(cmd.Context(), method, path, body, &buf); err != nil {
		return err
	}
	if asJSON {
		_, err := os.Stdout.Write(buf.b)
		return err
	}
	return table(buf.b)
}

func newQuotaListCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the quotas",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return quotaCall(cmd, &a, asJSON, "GET", quotaPath, nil, func(b []byte) error {
				var list []quota.Status
				if err := json.Unmarshal(b, &list); err != nil {
					return err
				}
				return printQuotas(os.Stdout, list, false)
			})
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newQuotaGetCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "get SCOPE",
		Short: "Show a quota and the usage it is judged against",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := quotaScopePath(args[0])
			if err != nil {
				return err
			}
			return quotaCall(cmd, &a, asJSON, "GET", p, nil, func(b []byte) error {
				var s quota.Status
				if err := json.Unmarshal(b, &s); err != nil {
					return err
				}
				return printQuotas(os.Stdout, []quota.Status{s}, true)
			})
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newQuotaSetCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	var l quota.Limits
	var maxBytes, softBytes string
	cmd := &cobra.Command{
		Use:   "set SCOPE [--max-bytes SIZE] [--max-objects N] [--soft-bytes SIZE] [--soft-objects N]",
		Short: "Set (replace) a quota; absent or 0 means no limit",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := quotaScopePath(args[0])
			if err != nil {
				return err
			}
			for _, f := range []struct {
				s   string
				dst *int64
			}{{maxBytes, &l.MaxBytes}, {softBytes, &l.SoftBytes}} {
				if f.s != "" {
					if *f.dst, err = parseSize(f.s); err != nil {
						return err
					}
				}
			}
			body, _ := json.Marshal(l)
			return quotaCall(cmd, &a, asJSON, "PUT", p, body, func(b []byte) error {
				var q quota.Status
				if err := json.Unmarshal(b, &q); err != nil {
					return err
				}
				return printQuotas(os.Stdout, []quota.Status{q}, false)
			})
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&maxBytes, "max-bytes", "", "hard limit on logical bytes (e.g. 100GiB)")
	cmd.Flags().Int64Var(&l.MaxObjects, "max-objects", 0, "hard limit on objects")
	cmd.Flags().StringVar(&softBytes, "soft-bytes", "", "alert beyond this many bytes")
	cmd.Flags().Int64Var(&l.SoftObjects, "soft-objects", 0, "alert beyond this many objects")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newQuotaDeleteCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "delete SCOPE",
		Short: "Remove a quota",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := quotaScopePath(args[0])
			if err != nil {
				return err
			}
			return quotaCall(cmd, &a, asJSON, "DELETE", p, nil, func([]byte) error {
				fmt.Println("deleted", args[0])
				return nil
			})
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newQuotaAlertsCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "List the scopes beyond a soft limit",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return quotaCall(cmd, &a, asJSON, "GET", quotaPath+"/alerts", nil, func(b []byte) error {
				var list []quota.Alert
				if err := json.Unmarshal(b, &list); err != nil {
					return err
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "SCOPE\tRESOURCE\tUSED\tSOFT\tHARD\tSINCE")
				for _, al := range list {
					fmt.Fprintf(tw, "%s/%s\t%s\t%d\t%d\t%s\t%s\n", al.Kind, al.Name, al.Resource, al.Used, al.Soft,
						limitText(al.Hard), al.Since.Format("2006-01-02T15:04:05Z"))
				}
				return tw.Flush()
			})
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func limitText(n int64) string {
	if n == 0 {
		return "-"
	}
	return strconv.FormatInt(n, 10)
}

// printQuotas prints quotas as an aligned table ("-" for no limit), with
// the usage when withUsage.
func printQuotas(w io.Writer, list []quota.Status, withUsage bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := "SCOPE\tMAX BYTES\tMAX OBJECTS\tSOFT BYTES\tSOFT OBJECTS"
	if withUsage {
		head += "\tBYTES\tOBJECTS"
	}
	fmt.Fprintln(tw, head)
	for _, s := range list {
		fmt.Fprintf(tw, "%s/%s\t%s\t%s\t%s\t%s", s.Kind, s.Name, limitText(s.MaxBytes), limitText(s.MaxObjects),
			limitText(s.SoftBytes), limitText(s.SoftObjects))
		if withUsage {
			fmt.Fprintf(tw, "\t%d\t%d", s.Usage.LogicalBytes, s.Usage.Objects)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
