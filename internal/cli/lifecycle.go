package cli

import "github.com/spf13/cobra"

func newLifecycleCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lifecycle",
		Short: "S3 lifecycle rules: expiration, transitions, aborts of stale uploads",
	}
	var a adminFlags
	run := &cobra.Command{
		Use:   "run",
		Short: "Apply every bucket's lifecycle rules now",
		Long: `One gateway of the cluster applies the buckets' lifecycle rules every
--lifecycle-interval (default an hour). This runs a pass now and prints what
it did: index entries visited, versions expired, delete markers placed and
removed, transitions, uploads aborted, and versions kept by object lock.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runJob(cmd, "lifecycle", nil) },
	}
	a.register(run)
	cmd.AddCommand(run)
	return cmd
}
