package cli

import (
	"encoding/json"
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
				return a.call(cmd.Context(), "POST", "/_strata/admin/kms/keys/"+url.PathEscape(args[0])+suffix, os.Stdout)
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
			var buf jsonBuffer
			if err := a.call(cmd.Context(), "GET", "/_strata/admin/kms/keys", &buf); err != nil {
				return err
			}
			var keys []kms.KeyInfo
			if err := json.Unmarshal(buf.b, &keys); err != nil {
				return err
			}
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
		},
	}
	a.register(cmd)
	return cmd
}

// jsonBuffer collects an admin answer.
type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) { j.b = append(j.b, p...); return len(p), nil }
