package cli

import (
	"fmt"
	"net/url"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/kms"
)

func newKMSCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kms",
		Short: "Manage the keys of the built-in KMS (SSE-KMS, SSE-S3)",
	}
	one := func(use, short, suffix string) *cobra.Command {
		var a adminFlags
		c := &cobra.Command{
			Use: use + " NAME", Short: short, Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				var k kms.KeyInfo
				if err := a.apiCall(cmd.Context(), "POST", "/kms/keys/"+url.PathEscape(args[0])+suffix, nil, &k); err != nil {
					return err
				}
				return printJSON(k)
			},
		}
		a.register(c)
		return c
	}
	cmd.AddCommand(
		one("create", "Create a key", ""),
		one("rotate", "Add a key version for new data keys; older versions still unseal what they sealed", "/rotate"),
		one("disable", "Refuse new writes and reads of objects under a key", "/disable"),
		one("enable", "Undo disable", "/enable"),
		newKMSListCmd(),
	)
	return cmd
}

func newKMSListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List keys",
		RunE: func(cmd *cobra.Command, _ []string) error {
			var keys []kms.KeyInfo
			if err := a.apiCall(cmd.Context(), "GET", "/kms/keys", nil, &keys); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(nonNil(keys))
			}
			return printKeys(keys)
		},
	}
	a.register(cmd)
	return cmd
}

// printKeys prints keys as a table.
func printKeys(keys []kms.KeyInfo) error {
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tVERSION\tSTATE\tCREATED")
	for _, k := range keys {
		state := "enabled"
		if k.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", k.Name, k.Version, state, k.Created.Format(time.RFC3339))
	}
	return tw.Flush()
}
