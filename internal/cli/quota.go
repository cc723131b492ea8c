package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/quota"
)

// quotaPath is where the native REST API serves the quotas.
const quotaPath = "/quotas"

func newQuotaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quota",
		Short: "Hard and soft quotas on bytes and objects, per bucket and per account",
		Long: `A write that would take a bucket or an account past a hard quota is
refused: QuotaExceeded (403) over S3, ENOSPC in a mount. Crossing a soft
limit raises an alert (strata quota alerts, the console, and the
strata_quota_soft_exceeded gauge). Bytes are logical (object sizes);
objects count every version holding data.

SCOPE is bucket/NAME or account/NAME.`,
	}
	cmd.AddCommand(newQuotaListCmd(), newQuotaGetCmd(), newQuotaSetCmd(), newQuotaDeleteCmd(), newQuotaAlertsCmd())
	return cmd
}

// quotaScopePath is the API path of a scope given as bucket/NAME or
// account/NAME.
func quotaScopePath(arg string) (string, error) {
	kind, name, ok := strings.Cut(arg, "/")
	if !ok || (kind != quota.Bucket && kind != quota.Account) || name == "" || strings.Contains(name, "/") {
		return "", fmt.Errorf("scope %q: want bucket/NAME or account/NAME", arg)
	}
	return quotaPath + "/" + kind + "/" + name, nil
}

// apiShow runs one API call and prints its answer as JSON when asked
// (--json), or decoded, through show, otherwise.
func apiShow[T any](cmd *cobra.Command, a *adminFlags, method, path string, body []byte, show func(T) error) error {
	var buf jsonBuffer
	if err := a.apiCall(cmd.Context(), method, path, body, &buf); err != nil {
		return err
	}
	if wantJSON(cmd) {
		_, err := os.Stdout.Write(buf.b)
		return err
	}
	var v T
	if err := json.Unmarshal(buf.b, &v); err != nil {
		return err
	}
	return show(v)
}

func newQuotaListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the quotas",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return apiShow(cmd, &a, "GET", quotaPath, nil, func(list []quota.Quota) error {
				st := make([]quota.Status, len(list))
				for i, q := range list {
					st[i].Quota = q
				}
				return printQuotas(os.Stdout, st, false)
			})
		},
	}
	a.register(cmd)
	return cmd
}

func newQuotaGetCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "get SCOPE",
		Short: "Show a quota and the usage it is judged against",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := quotaScopePath(args[0])
			if err != nil {
				return err
			}
			return apiShow(cmd, &a, "GET", p, nil, func(s quota.Status) error {
				return printQuotas(os.Stdout, []quota.Status{s}, true)
			})
		},
	}
	a.register(cmd)
	return cmd
}

func newQuotaSetCmd() *cobra.Command {
	var a adminFlags
	var maxBytes, softBytes string
	var l quota.Limits
	cmd := &cobra.Command{
		Use:   "set SCOPE [--max-bytes SIZE] [--max-objects N] [--soft-bytes SIZE] [--soft-objects N]",
		Short: "Set (replace) a quota; 0 or absent means no limit on that resource",
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
			if l == (quota.Limits{}) {
				return fmt.Errorf("no limit given: use --max-bytes, --max-objects, --soft-bytes or --soft-objects (or strata quota delete)")
			}
			body, _ := json.Marshal(l)
			return apiShow(cmd, &a, "PUT", p, body, func(q quota.Quota) error {
				return printQuotas(os.Stdout, []quota.Status{{Quota: q}}, false)
			})
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&maxBytes, "max-bytes", "", "hard limit on logical bytes (e.g. 100MiB)")
	cmd.Flags().Int64Var(&l.MaxObjects, "max-objects", 0, "hard limit on objects")
	cmd.Flags().StringVar(&softBytes, "soft-bytes", "", "alert beyond these bytes")
	cmd.Flags().Int64Var(&l.SoftObjects, "soft-objects", 0, "alert beyond these objects")
	return cmd
}

func newQuotaDeleteCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "delete SCOPE",
		Short: "Remove a quota",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := quotaScopePath(args[0])
			if err != nil {
				return err
			}
			return apiShow(cmd, &a, "DELETE", p, nil, func(map[string]string) error {
				fmt.Println("deleted", args[0])
				return nil
			})
		},
	}
	a.register(cmd)
	return cmd
}

func newQuotaAlertsCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "List the scopes beyond a soft limit",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return apiShow(cmd, &a, "GET", quotaPath+"/alerts", nil, func(list []quota.Alert) error {
				return printQuotaAlerts(os.Stdout, list)
			})
		},
	}
	a.register(cmd)
	return cmd
}

// printQuotas prints quotas as an aligned table ("-" for no limit), with
// the usage when withUsage.
func printQuotas(w io.Writer, list []quota.Status, withUsage bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := "SCOPE\tMAX BYTES\tMAX OBJECTS\tSOFT BYTES\tSOFT OBJECTS"
	if withUsage {
		head += "\tUSED BYTES\tUSED OBJECTS"
	}
	fmt.Fprintln(tw, head)
	for _, s := range list {
		fmt.Fprintf(tw, "%s/%s\t%s\t%s\t%s\t%s", s.Kind, s.Name, limitOrDash(s.MaxBytes), limitOrDash(s.MaxObjects),
			limitOrDash(s.SoftBytes), limitOrDash(s.SoftObjects))
		if withUsage {
			fmt.Fprintf(tw, "\t%d\t%d", s.Usage.LogicalBytes, s.Usage.Objects)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func printQuotaAlerts(w io.Writer, list []quota.Alert) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCOPE\tRESOURCE\tUSED\tSOFT\tHARD\tSINCE")
	for _, a := range list {
		fmt.Fprintf(tw, "%s/%s\t%s\t%d\t%d\t%s\t%s\n", a.Kind, a.Name, a.Resource, a.Used, a.Soft,
			limitOrDash(a.Hard), a.Since.UTC().Format(time.RFC3339))
	}
	return tw.Flush()
}

func limitOrDash(n int64) string {
	if n == 0 {
		return "-"
	}
	return strconv.FormatInt(n, 10)
}
