package cli

import (
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
	"github.com/strata-storage/strata/internal/strata"
)

func newClusterCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cluster",
		Short: "See and operate a cluster, or run a local one",
	}
	cmd.AddCommand(newClusterListCmd(), newClusterLockCmd(), newClusterUnlockCmd(), newClusterLocalCmd(), newClusterNodeCmd(), newClusterFormulaCmd())
	return cmd
}

func newClusterListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List services with their locations, tags, scores and locks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var svcs []strata.Service
			if err := a.apiCall(cmd.Context(), "GET", "/cluster/services", nil, &svcs); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(nonNil(svcs))
			}
			printServices(svcs)
			return nil
		},
	}
	a.register(cmd)
	return cmd
}

func printServices(svcs []strata.Service) {
	sort.Slice(svcs, func(i, j int) bool {
		if svcs[i].Type != svcs[j].Type {
			return svcs[i].Type < svcs[j].Type
		}
		return svcs[i].Location < svcs[j].Location
	})
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TYPE\tID\tLOCATION\tADDR\tSCORE\tLOCK\tFREE\tTAGS\tSEEN")
	for _, s := range svcs {
		lock := "-"
		if s.Locked {
			lock = fmt.Sprintf("locked@%d", s.Score)
		}
		var tags []string
		for k, v := range s.Tags {
			tags = append(tags, k+"="+v)
		}
		sort.Strings(tags)
		free := "-"
		if s.Stats.TotalBytes > 0 {
			free = fmt.Sprintf("%.0f%%", s.Stats.SpaceFree)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s ago\n", s.Type, s.ID, s.Location, s.Addr, s.Score, lock, free,
			strings.Join(tags, ","), time.Since(s.Updated).Round(100*time.Millisecond))
	}
	w.Flush()
}

func newClusterLockCmd() *cobra.Command {
	var a adminFlags
	var score int
	cmd := &cobra.Command{
		Use:   "lock SERVICE",
		Short: "Pin a service's score (default 0: drain it, no new writes go to it)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if score < 0 || score > 100 {
				return fmt.Errorf("--score %d: want 0..100", score)
			}
			return a.serviceCall(cmd, "/cluster/services/"+url.PathEscape(args[0])+"/lock", restapi.LockRequest{Score: score})
		},
	}
	a.register(cmd)
	cmd.Flags().IntVar(&score, "score", 0, "score to pin, 0..100")
	return cmd
}

func newClusterUnlockCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "unlock SERVICE",
		Short: "Let a locked service's score follow its stats again",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.serviceCall(cmd, "/cluster/services/"+url.PathEscape(args[0])+"/unlock", nil)
		},
	}
	a.register(cmd)
	return cmd
}

func newClusterFormulaCmd() *cobra.Command {
	var a adminFlags
	var reset bool
	cmd := &cobra.Command{
		Use:   "formula [EXPRESSION]",
		Short: "Show or set the score formula of the whole cluster",
		Long: `Without an argument, print the formula scores are computed with. With one,
set it for every node of the cluster (stored in the metadata cluster; nodes
rescore within a second). Metrics: cpu, io, space (percent idle/free),
free_gib, and any extra metric a service reports; functions root, sqrt, log,
abs, min, max, clamp. Example: strata cluster formula 'root(3, cpu * io * space)'.
--reset returns every node to its own --score-formula.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var f restapi.Formula
			if len(args) == 0 && !reset {
				if err := a.apiCall(cmd.Context(), "GET", "/cluster/formula", nil, &f); err != nil {
					return err
				}
			} else {
				if len(args) == 1 {
					f.Formula = args[0]
				}
				if err := a.apiCall(cmd.Context(), "PUT", "/cluster/formula", f, &f); err != nil {
					return err
				}
			}
			if wantJSON(cmd) {
				return printJSON(f)
			}
			fmt.Println(f.Formula)
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&reset, "reset", false, "drop the cluster formula: every node uses its --score-formula")
	return cmd
}

// serviceCall locks or unlocks a service and prints it.
func (a *adminFlags) serviceCall(cmd *cobra.Command, route string, body any) error {
	var svc strata.Service
	if err := a.apiCall(cmd.Context(), "POST", route, body, &svc); err != nil {
		return err
	}
	if wantJSON(cmd) {
		return printJSON(svc)
	}
	printServices([]strata.Service{svc})
	return nil
}
