package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/qos"
)

// qosPath is where the native REST API serves the limits.
const qosPath = "/qos/limits"

func newQoSCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "qos",
		Short: "Request-rate and bandwidth limits per account, per bucket and for the cluster",
		Long: `Limits are cluster-wide and apply within a second on every gateway.
SCOPE is account/NAME, bucket/NAME or cluster; account/* is the default
of every account without a limit of its own. A request over a rate gets
503 SlowDown; bodies over a byte rate are slowed down.`,
	}
	cmd.AddCommand(newQoSListCmd(), newQoSGetCmd(), newQoSSetCmd(), newQoSDeleteCmd())
	return cmd
}

// scopePath is the API path of a scope given on the command line.
func scopePath(arg string) (string, error) {
	sc, err := qos.ParseScope(arg)
	if err != nil {
		return "", err
	}
	return qosPath + "/" + sc.String(), nil
}

func newQoSListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the limits",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return apiShow(cmd, &a, "GET", qosPath, nil, func(list []qos.Setting) error { return printLimits(os.Stdout, list) })
		},
	}
	a.register(cmd)
	return cmd
}

func newQoSGetCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "get SCOPE",
		Short: "Show one limit",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := scopePath(args[0])
			if err != nil {
				return err
			}
			return apiShow(cmd, &a, "GET", p, nil, func(s qos.Setting) error { return printLimits(os.Stdout, []qos.Setting{s}) })
		},
	}
	a.register(cmd)
	return cmd
}

func newQoSSetCmd() *cobra.Command {
	var a adminFlags
	var lim qos.Limit
	var in, out string
	cmd := &cobra.Command{
		Use:   "set SCOPE [--requests N] [--burst N] [--bytes-in SIZE] [--bytes-out SIZE]",
		Short: "Set (replace) a limit; rates are per second, 0 or absent means no limit",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := scopePath(args[0])
			if err != nil {
				return err
			}
			for _, f := range []struct {
				s   string
				dst *int64
			}{{in, &lim.BytesIn}, {out, &lim.BytesOut}} {
				if f.s != "" {
					if *f.dst, err = parseSize(f.s); err != nil {
						return err
					}
				}
			}
			if err := lim.Validate(); err != nil {
				return err
			}
			body, _ := json.Marshal(lim)
			return apiShow(cmd, &a, "PUT", p, body, func(s qos.Setting) error { return printLimits(os.Stdout, []qos.Setting{s}) })
		},
	}
	a.register(cmd)
	cmd.Flags().Float64Var(&lim.Requests, "requests", 0, "requests per second")
	cmd.Flags().Float64Var(&lim.Burst, "burst", 0, "requests that may pass at once (default: one second's worth)")
	cmd.Flags().StringVar(&in, "bytes-in", "", "request body bytes per second (e.g. 10MiB)")
	cmd.Flags().StringVar(&out, "bytes-out", "", "response body bytes per second (e.g. 10MiB)")
	return cmd
}

func newQoSDeleteCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "delete SCOPE",
		Short: "Remove a limit",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := scopePath(args[0])
			if err != nil {
				return err
			}
			return apiShow(cmd, &a, "DELETE", p, nil, func(json.RawMessage) error {
				fmt.Println("deleted", args[0])
				return nil
			})
		},
	}
	a.register(cmd)
	return cmd
}

// printLimits prints limits as an aligned table ("-" for no limit).
func printLimits(w io.Writer, list []qos.Setting) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCOPE\tREQUESTS/S\tBURST\tBYTES IN/S\tBYTES OUT/S")
	num := func(f float64) string {
		if f == 0 {
			return "-"
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	bytes := func(n int64) string {
		for _, u := range []struct {
			unit string
			size int64
		}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
			if n >= u.size && n%u.size == 0 {
				return strconv.FormatInt(n/u.size, 10) + u.unit
			}
		}
		if n == 0 {
			return "-"
		}
		return strconv.FormatInt(n, 10)
	}
	for _, s := range list {
		burst := s.Burst
		if burst == 0 {
			burst = s.Requests
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Scope, num(s.Requests), num(burst),
			bytes(s.BytesIn), bytes(s.BytesOut))
	}
	return tw.Flush()
}
