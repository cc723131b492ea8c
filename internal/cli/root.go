package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// Main runs the command line and returns the process exit code.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot()
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "strata:", err)
		return 1
	}
	return 0
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "strata",
		Short:         "Strata: scale-out object storage with file and function access",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().String("log-level", "info", "log level: debug, info, warn, error")
	root.PersistentFlags().Bool("json", false, "print JSON instead of tables and text")
	root.AddCommand(newServerCmd(), newRebuildCmd(), newScrubCmd(), newGCCmd(), newImproveCmd(), newBenchCmd(), newClusterCmd(), newJobsCmd(), mountCmd(), smbCmd(), sandboxCmd(), newFnCmd(), newEventsCmd(), newKMSCmd(), newCertCmd(),
		newAccountCmd(), newUserCmd(), newKeyCmd(), newGroupCmd(), newRoleCmd(), newPolicyCmd(), newQoSCmd(), newQuotaCmd(), newUsageCmd(), newBucketCmd(), newClassCmd())
	root.AddCommand(newLifecycleCmd())
	root.AddCommand(newTierCmd())
	root.AddCommand(newReplicateCmd())
	root.AddCommand(newRdirCmd())
	return root
}

func logger(cmd *cobra.Command) *slog.Logger {
	lvl, _ := cmd.Flags().GetString("log-level")
	var level slog.Level
	if err := level.UnmarshalText([]byte(lvl)); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}

// envOr returns the environment variable, or def when it is unset.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// wantJSON reports whether the command was asked for JSON output.
func wantJSON(cmd *cobra.Command) bool {
	j, _ := cmd.Flags().GetBool("json")
	return j
}
