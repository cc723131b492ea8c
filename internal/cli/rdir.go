package cli

import "github.com/spf13/cobra"

// newRdirCmd groups the volume chunk index commands (docs/RDIR.md).
func newRdirCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rdir",
		Short: "Check or backfill the per-volume chunk index a volume rebuild reads",
	}
	cmd.AddCommand(rdirJobCmd("check", "rdir-check",
		"Compare the volume chunk index with a full scan of every record: entries missing or stale"))
	cmd.AddCommand(rdirJobCmd("backfill", "rdir-backfill",
		"Index the records written before the volume chunk index existed (the server also does this every minute until done)"))
	return cmd
}

func rdirJobCmd(use, kind, short string) *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runJob(cmd, kind, map[string]string{})
		},
	}
	a.register(cmd)
	return cmd
}
