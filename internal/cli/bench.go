package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/bench"
	"github.com/strata-storage/strata/internal/bytesize"
)

func newBenchCmd() *cobra.Command {
	var a adminFlags
	cfg := bench.Config{}
	var size, ops string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Load generator: PUT/GET ops/s, MiB/s and latency percentiles against an S3 endpoint",
		RunE: func(cmd *cobra.Command, _ []string) error {
			u, err := a.credentials()
			if err != nil {
				return err
			}
			n, err := parseSize(size)
			if err != nil {
				return err
			}
			cfg.Endpoint, cfg.Region, cfg.RootCAs = a.endpoint, a.region, a.roots
			cfg.AccessKey, cfg.SecretKey = u.AccessKey, u.SecretKey
			cfg.ObjectSize = n
			cfg.Ops = strings.Split(ops, ",")
			// A bar on a terminal, JSON lines otherwise, as the jobs show.
			bar := isTerminal(os.Stderr) && !wantJSON(cmd)
			enc := json.NewEncoder(os.Stdout)
			cfg.Progress = func(p bench.Progress) {
				if bar {
					fmt.Fprintf(os.Stderr, "\r%s %s %d ops %d errors", p.Op, progressBar(p.Elapsed, p.Duration, 30), p.Ops, p.Errors)
				} else {
					enc.Encode(p)
				}
			}
			rep, err := bench.Run(cmd.Context(), cfg)
			if bar {
				fmt.Fprintln(os.Stderr)
			}
			if err != nil {
				return err
			}
			if wantJSON(cmd) {
				return enc.Encode(rep.Results)
			}
			fmt.Fprint(os.Stdout, rep.String())
			return nil
		},
	}
	a.register(cmd)
	f := cmd.Flags()
	f.StringVar(&cfg.Bucket, "bucket", "strata-bench", "bucket to use (created if missing)")
	f.StringVar(&size, "size", "4KiB", "object size (e.g. 4KiB, 16MiB)")
	f.IntVar(&cfg.Concurrency, "concurrency", 16, "parallel requests")
	f.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long each operation runs")
	f.IntVar(&cfg.Objects, "objects", 200, "objects prepared for GET")
	f.StringVar(&ops, "ops", "put,get", "operations to run, in order")
	return cmd
}

// progressBar draws done/total as a bar of width cells and a percentage.
func progressBar(done, total time.Duration, width int) string {
	f := 1.0
	if total > 0 {
		f = min(1, float64(done)/float64(total))
	}
	n := int(f * float64(width))
	return "[" + strings.Repeat("#", n) + strings.Repeat(" ", width-n) + "] " + fmt.Sprintf("%3.0f%%", f*100)
}

// parseSize reads a size a user typed (4096, 4KiB, 16MiB, 1GiB; KB, MB
// and GB mean the same as KiB, MiB and GiB).
func parseSize(s string) (int64, error) { return bytesize.Parse(s) }
