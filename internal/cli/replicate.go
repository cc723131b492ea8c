package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"slices"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/replication"
)

func newReplicateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "replicate",
		Short: "Bucket replication to other clusters: remote targets, status, resync",
	}
	target := &cobra.Command{
		Use:   "target",
		Short: "Register the remote S3 endpoints and buckets that replicas go to",
	}
	target.AddCommand(newReplTargetAddCmd(), newReplTargetListCmd(), newReplTargetRmCmd())
	cmd.AddCommand(target, newReplStatusCmd(), newReplResyncCmd(), newReplRetryCmd())
	return cmd
}

func replTargetPath(name string) string { return "/replication/targets/" + url.PathEscape(name) }

func newReplTargetAddCmd() *cobra.Command {
	var a adminFlags
	var t replication.Target
	var caFile string
	cmd := &cobra.Command{
		Use:   "add NAME --endpoint URL --bucket DEST --access-key AK --secret-key SK [--region R] [--ca FILE] [--insecure]",
		Short: "Add or replace a target; prints the ARN that Destination.Bucket of a replication rule names",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if caFile != "" {
				b, err := os.ReadFile(caFile)
				if err != nil {
					return err
				}
				t.CA = string(b)
			}
			t.Name = args[0]
			if err := t.Validate(); err != nil {
				return err
			}
			body, _ := json.Marshal(t)
			var got struct {
				Name string `json:"name"`
				ARN  string `json:"arn"`
			}
			if err := a.adminJSON(cmd.Context(), "PUT", replTargetPath(args[0]), body, &got); err != nil {
				return fmt.Errorf("target add %s: %w", args[0], err)
			}
			if wantJSON(cmd) {
				return printJSON(got)
			}
			fmt.Println(got.ARN)
			fmt.Fprintf(os.Stderr, "replication target %s added: name it by this ARN in Destination.Bucket\n", got.Name)
			return nil
		},
	}
	// --endpoint, --region and --ca describe the target here, so the
	// server this command talks to is --server (or $STRATA_ENDPOINT).
	cmd.Flags().StringVar(&a.endpoint, "server", envOr("STRATA_ENDPOINT", "http://127.0.0.1:9000"), "this cluster's S3 endpoint")
	cmd.Flags().StringVar(&a.dataDir, "data", "./data", "data folder to read generated root credentials from, when STRATA_ACCESS_KEY is unset")
	cmd.Flags().StringVar(&a.ca, "server-ca", os.Getenv(caBundleEnv), "CA bundle to trust for an https server (default $"+caBundleEnv+")")
	a.region = "us-east-1"
	cmd.Flags().StringVar(&t.Endpoint, "endpoint", "", "the remote S3 endpoint, http(s)://host:port (required)")
	cmd.Flags().StringVar(&t.Bucket, "bucket", "", "destination bucket on the remote (required)")
	cmd.Flags().StringVar(&t.AccessKey, "access-key", "", "remote access key (required)")
	cmd.Flags().StringVar(&t.SecretKey, "secret-key", "", "remote secret key (required; stored sealed under the cluster key)")
	cmd.Flags().StringVar(&t.Region, "region", "", "remote region (default us-east-1)")
	cmd.Flags().StringVar(&caFile, "ca", "", "PEM file of roots that signed the remote's certificate")
	cmd.Flags().BoolVar(&t.Insecure, "insecure", false, "do not verify the remote's TLS certificate")
	return cmd
}

func newReplTargetListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List targets",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var ts []replication.Target
			if err := a.adminJSON(cmd.Context(), "GET", "/replication/targets", nil, &ts); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(nonNil(ts))
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tARN\tENDPOINT\tBUCKET\tACCESS KEY\tCREATED")
			for _, t := range ts {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Name, t.ARN(), t.Endpoint, t.Bucket, t.AccessKey,
					t.Created.Local().Format("2006-01-02 15:04:05"))
			}
			return w.Flush()
		},
	}
	a.register(cmd)
	return cmd
}

func newReplTargetRmCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:     "remove NAME",
		Aliases: []string{"rm"},
		Short:   "Remove a target",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.adminJSON(cmd.Context(), "DELETE", replTargetPath(args[0]), nil, nil); err != nil {
				return fmt.Errorf("target remove %s: %w", args[0], err)
			}
			fmt.Fprintf(os.Stderr, "replication target %s removed\n", args[0])
			return nil
		},
	}
	a.register(cmd)
	return cmd
}

func newReplStatusCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "status [BUCKET]",
		Short: "Lag (p50/p99), events queued, the backlog of failures per rule, and resyncs",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			route := "/replication/status"
			if len(args) == 1 {
				route += "?bucket=" + url.QueryEscape(args[0])
			}
			var got struct {
				Status  replication.Status `json:"status"`
				Resyncs []replication.Job  `json:"resyncs"`
			}
			if err := a.adminJSON(cmd.Context(), "GET", route, nil, &got); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(got)
			}
			st := got.Status
			fmt.Printf("queued:   %d events in the replication lanes (oldest %.1f s)\n", st.Queued, st.OldestQueued)
			fmt.Printf("failed:   %d keys in the backlog (oldest %.1f s)\n", st.Failed, st.OldestAge)
			fmt.Printf("lag:      p50 %.3f s, p99 %.3f s (%d recent replications on this gateway)\n", st.LagP50, st.LagP99, st.Samples)
			// One line per bucket/rule: its lag on this gateway and its
			// failures waiting in the backlog.
			keys := map[string]bool{}
			for k := range st.Backlog {
				keys[k] = true
			}
			for k := range st.Rules {
				keys[k] = true
			}
			if len(keys) > 0 {
				w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(w, "BUCKET/RULE\tLAG P50\tLAG P99\tRECENT\tFAILED")
				for _, k := range slices.Sorted(maps.Keys(keys)) {
					l := st.Rules[k]
					fmt.Fprintf(w, "%s\t%.3f s\t%.3f s\t%d\t%d\n", k, l.P50, l.P99, l.Samples, st.Backlog[k])
				}
				w.Flush()
			}
			for _, j := range got.Resyncs {
				fmt.Printf("resync %s: %s, %d enqueued (after %q)\n", j.Bucket, j.State, j.Enqueued, j.Marker)
			}
			return nil
		},
	}
	a.register(cmd)
	return cmd
}

func newReplResyncCmd() *cobra.Command {
	var a adminFlags
	var rule string
	cmd := &cobra.Command{
		Use:   "resync BUCKET [--rule ID]",
		Short: "Replicate the bucket's existing objects (an exclusive job, resumed by another gateway if its runner dies)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			route := "/replication/resync/" + url.PathEscape(args[0])
			if rule != "" {
				route += "?rule=" + url.QueryEscape(rule)
			}
			var j replication.Job
			if err := a.adminJSON(cmd.Context(), "POST", route, nil, &j); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(j)
			}
			fmt.Printf("resync of %s started (follow it with: strata replicate status %s)\n", j.Bucket, j.Bucket)
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&rule, "rule", "", "only the objects this rule selects")
	return cmd
}

func newReplRetryCmd() *cobra.Command {
	var a adminFlags
	var bucket string
	cmd := &cobra.Command{
		Use:   "retry [--bucket B]",
		Short: "Put the backlog of failed replications back in the queue now",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			route := "/replication/retry"
			if bucket != "" {
				route += "?bucket=" + url.QueryEscape(bucket)
			}
			var got map[string]int
			if err := a.adminJSON(cmd.Context(), "POST", route, nil, &got); err != nil {
				return err
			}
			fmt.Printf("%d failed replications queued again\n", got["requeued"])
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&bucket, "bucket", "", "only this bucket's")
	return cmd
}
