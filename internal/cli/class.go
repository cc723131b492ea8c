package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/object"
)

// classPath is where the native REST API serves the storage classes.
const classPath = "/classes"

func newClassCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "class",
		Short: "Storage classes: the pool and protection policies of each S3 storage class",
		Long: `A storage class is a pool of volumes (servers started with
--volume DIR:pool=NAME) and protection policies by object size, configured
cluster-wide. Writes with x-amz-storage-class NAME (none = STANDARD) go to the
class's pool; a class that is not configured keeps the cluster default.
A change applies to new writes within a second; 'strata improve' then moves
existing objects (one full pass, see docs/CLASSES.md).`,
	}
	cmd.AddCommand(newClassListCmd(), newClassSetCmd(), newClassDeleteCmd())
	return cmd
}

func newClassListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the configured classes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return apiShow(cmd, &a, "GET", classPath, nil, func(list []object.StorageClass) error { return printClasses(os.Stdout, list) })
		},
	}
	a.register(cmd)
	return cmd
}

func newClassSetCmd() *cobra.Command {
	var a adminFlags
	var sc object.StorageClass
	var minSize string
	cmd := &cobra.Command{
		Use:   "set NAME [--pool P] [--policy EC4+2] [--small-policy THREECOPIES] [--ec-min-size 1MiB] [--tier NAME] [--min-sites 2]",
		Short: "Create or replace a class",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc.Name = strings.ToUpper(args[0])
			if minSize != "" {
				n, err := parseSize(minSize)
				if err != nil {
					return fmt.Errorf("--ec-min-size: %w", err)
				}
				sc.ECMinSize = n
			}
			if err := object.ValidateClass(&sc); err != nil {
				return err
			}
			body, _ := json.Marshal(sc)
			return apiShow(cmd, &a, "PUT", classPath+"/"+sc.Name, body, func(c object.StorageClass) error {
				return printClasses(os.Stdout, []object.StorageClass{c})
			})
		},
	}
	a.register(cmd)
	f := cmd.Flags()
	f.StringVar(&sc.Pool, "pool", "", "pool of the volumes holding the class's data (default: any volume)")
	f.StringVar(&sc.Policy, "policy", "", "policy of objects of --ec-min-size and more: SINGLE, TWOCOPIES, THREECOPIES, EC<k>+<m> (default: the cluster's)")
	f.StringVar(&sc.SmallPolicy, "small-policy", "", "policy of smaller objects (default: the cluster's)")
	f.StringVar(&minSize, "ec-min-size", "", "size from which --policy applies, e.g. 1MiB (default 1MiB)")
	f.StringVar(&sc.Tier, "tier", "", "remote tier holding the class's data (strata tier add; see docs/ARCHIVE.md)")
	f.IntVar(&sc.MinSites, "min-sites", 0, "acknowledge a write only once a readable copy is on this many sites (default: the cluster's --min-sites); see docs/SITES.md")
	return cmd
}

func newClassDeleteCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Remove a class (its new writes get the cluster default; data stays where it is)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return apiShow(cmd, &a, "DELETE", classPath+"/"+strings.ToUpper(args[0]), nil, func(json.RawMessage) error {
				fmt.Println("deleted", strings.ToUpper(args[0]))
				return nil
			})
		},
	}
	a.register(cmd)
	return cmd
}

// printClasses prints classes as an aligned table ("-" for unset).
func printClasses(w io.Writer, list []object.StorageClass) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CLASS\tPOOL\tPOLICY\tSMALL POLICY\tEC MIN SIZE\tTIER\tMIN SITES")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, c := range list {
		size := "-"
		if c.ECMinSize > 0 {
			size = fmt.Sprint(c.ECMinSize)
		}
		sites := "-"
		if c.MinSites > 0 {
			sites = fmt.Sprint(c.MinSites)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Name, dash(c.Pool), dash(c.Policy), dash(c.SmallPolicy), size, dash(c.Tier), sites)
	}
	return tw.Flush()
}
