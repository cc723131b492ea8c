package cli

import (
	"net/url"
	"os"
	"strconv"

	"github.com/spf13/cobra"
)

func newRebuildCmd() *cobra.Command {
	var a adminFlags
	var verify bool
	var rate int64
	cmd := &cobra.Command{
		Use:   "rebuild",
		Short: "Restore full protection: recreate lost or corrupt chunks on other volumes",
		Long: `Ask the running server to scan every object's chunk map, find fragments whose
volume is gone or whose chunk is missing (or, with --verify, fails its
checksum), and recreate them on volumes chosen by the conscience. Progress
and the final report are printed as JSON lines.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := url.Values{}
			if verify {
				q.Set("verify", "1")
			}
			if rate > 0 {
				q.Set("rate", strconv.FormatInt(rate, 10))
			}
			return a.call(cmd.Context(), "POST", "/_strata/admin/rebuild?"+q.Encode(), os.Stdout)
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&verify, "verify", false, "read every chunk and check its checksums (finds bitrot)")
	cmd.Flags().Int64Var(&rate, "rate", 0, "throttle to this many bytes per second (0: unthrottled)")
	return cmd
}

func newImproveCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "improve",
		Short: "Run the improver now: complete and spread objects written with a placement shortfall",
		Long: `Writes that could not meet their policy's placement (too few services, or
fragments sharing a host) are queued with the object. The improver, run every
minute by one gateway and on demand by this command, creates their missing
fragments and moves crowded ones to new hosts once the cluster has them.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.call(cmd.Context(), "POST", "/_strata/admin/improve", os.Stdout)
		},
	}
	a.register(cmd)
	return cmd
}

func newGCCmd() *cobra.Command {
	var a adminFlags
	var grace string
	cmd := &cobra.Command{
		Use:   "gc",
		Short: "Delete orphan chunks left by interrupted writes",
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := url.Values{}
			if grace != "" {
				q.Set("grace", grace)
			}
			return a.call(cmd.Context(), "POST", "/_strata/admin/gc?"+q.Encode(), os.Stdout)
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&grace, "grace", "", "only delete orphans older than this (default: the server's setting, 1h)")
	return cmd
}
