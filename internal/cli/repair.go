package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
)

func newRebuildCmd() *cobra.Command {
	var a adminFlags
	var verify bool
	var rate int64
	var volume string
	cmd := &cobra.Command{
		Use:   "rebuild",
		Short: "Restore full protection: recreate lost or corrupt chunks on other volumes",
		Long: `Ask the running server to scan every object's chunk map, find fragments whose
volume is gone or whose chunk is missing (or, with --verify, fails its
checksum), and recreate them on volumes chosen by the conscience. On a
terminal a progress line is shown; otherwise (or with --json) progress and
the final report are printed as JSON lines, the report last.

With --volume ID (a lost blob service), only the records that reference a
fragment on that volume are read, through the volume chunk index
(docs/RDIR.md); the report counts index_entries_read and records_read.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := map[string]string{}
			if verify {
				p["verify"] = "1"
			}
			if rate > 0 {
				p["rate"] = strconv.FormatInt(rate, 10)
			}
			if volume != "" {
				p["volume"] = volume
			}
			return a.runJob(cmd, "rebuild", p)
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&verify, "verify", false, "read every chunk and check its checksums (finds bitrot)")
	cmd.Flags().Int64Var(&rate, "rate", 0, "throttle to this many bytes per second (0: unthrottled)")
	cmd.Flags().StringVar(&volume, "volume", "", "rebuild only what this lost blob service (volume id) held, read from its chunk index")
	return cmd
}

func newScrubCmd() *cobra.Command {
	var a adminFlags
	var rate int64
	cmd := &cobra.Command{
		Use:   "scrub",
		Short: "Read and verify every chunk now, and rebuild what is corrupt or missing",
		Long: `Run the scrubber once, as the server does every --scrub-interval: a rebuild
that reads whole chunks and checks their checksums, throttled to --rate (default:
the server's --scrub-rate).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := map[string]string{}
			if rate > 0 {
				p["rate"] = strconv.FormatInt(rate, 10)
			}
			return a.runJob(cmd, "scrub", p)
		},
	}
	a.register(cmd)
	cmd.Flags().Int64Var(&rate, "rate", 0, "bytes per second (0: the server's --scrub-rate)")
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
fragments and moves crowded ones to new hosts once the cluster has them.
After a storage class changes (strata class set), it also makes one full pass
that moves existing objects into their class's pool and policy (see
docs/CLASSES.md for its cost).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runJob(cmd, "improve", nil) },
	}
	a.register(cmd)
	return cmd
}

func newGCCmd() *cobra.Command {
	var a adminFlags
	var grace string
	cmd := &cobra.Command{
		Use:   "gc",
		Short: "Delete orphan chunks (and remote tier objects) left by interrupted writes",
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := map[string]string{}
			if grace != "" {
				p["grace"] = grace
			}
			return a.runJob(cmd, "gc", p)
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&grace, "grace", "", "only delete orphans older than this (default: the server's setting, 1h)")
	return cmd
}

// runJob starts a job through the API and follows it to its end: a
// progress line on a terminal, JSON lines otherwise; the final report is
// printed last. Interrupting the command cancels the job.
func (a *adminFlags) runJob(cmd *cobra.Command, kind string, params map[string]string) error {
	ctx := cmd.Context()
	var job restapi.Job
	if err := a.apiCall(ctx, "POST", "/jobs", restapi.JobRequest{Kind: kind, Params: params}, &job); err != nil {
		return err
	}
	bar := isTerminal(os.Stderr) && !wantJSON(cmd)
	enc := json.NewEncoder(os.Stdout)
	var last string
	for job.State == restapi.JobRunning {
		err := a.apiCall(ctx, "GET", "/jobs/"+url.PathEscape(job.ID)+"?wait=1s", nil, &job)
		if ctx.Err() != nil {
			// Ctrl-C: stop the job too, with a context of its own.
			stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			a.apiCall(stop, "DELETE", "/jobs/"+url.PathEscape(job.ID), nil, nil)
			cancel()
			return ctx.Err()
		}
		if err != nil {
			return err
		}
		if job.State != restapi.JobRunning || job.Progress == nil {
			continue
		}
		b, _ := json.Marshal(job.Progress)
		if string(b) == last {
			continue
		}
		last = string(b)
		if bar {
			fmt.Fprintf(os.Stderr, "\r%s %s  %s", kind, time.Since(job.Started).Round(time.Second), progressLine(job.Progress))
		} else {
			enc.Encode(job.Progress)
		}
	}
	if bar {
		fmt.Fprintln(os.Stderr)
	}
	if job.State != restapi.JobDone {
		enc.Encode(map[string]string{"error": job.Error})
		return fmt.Errorf("%s %s: %s", kind, job.State, job.Error)
	}
	if bar && !wantJSON(cmd) && isTerminal(os.Stdout) {
		return printReport(job.Result)
	}
	return enc.Encode(job.Result)
}

// progressLine is a report's counters on one line.
func progressLine(p any) string {
	m, _ := p.(map[string]any)
	var parts []string
	for _, k := range []string{"index_entries_read", "objects_scanned", "fragments_checked", "fragments_rebuilt", "bytes_verified"} {
		if v, ok := m[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	return strings.Join(parts, " ")
}

// printReport prints a final report as an aligned two-column table.
func printReport(r any) error {
	m, ok := r.(map[string]any)
	if !ok {
		return printJSON(r)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	for _, k := range sortedKeys(m) {
		fmt.Fprintf(tw, "%s\t%v\n", k, m[k])
	}
	return tw.Flush()
}

func newJobsCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "jobs",
		Short: "List the jobs (rebuild, scrub, improve, gc, lifecycle) started on a gateway, with their progress",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var jobs []restapi.Job
			if err := a.apiCall(cmd.Context(), "GET", "/jobs", nil, &jobs); err != nil {
				return err
			}
			if wantJSON(cmd) {
				return printJSON(nonNil(jobs))
			}
			tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tSTATE\tSTARTED\tDURATION\tERROR")
			for _, j := range jobs {
				end := time.Now()
				if j.Finished != nil {
					end = *j.Finished
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", j.ID, j.Kind, j.State, j.Started.Local().Format(time.RFC3339),
					end.Sub(j.Started).Round(time.Millisecond), orDash(j.Error))
			}
			return tw.Flush()
		},
	}
	a.register(cmd)
	return cmd
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
