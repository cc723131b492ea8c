package cli

import (
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof" // --pprof
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/gcfloor"
	"github.com/strata-storage/strata/internal/hoststats"
	"github.com/strata-storage/strata/internal/vfs"
)

func mountCmd() *cobra.Command {
	var a adminFlags
	var opts fuse.Options
	var vopts vfs.Options
	var cacheMiB int64
	var pprofAddr string
	cmd := &cobra.Command{
		Use:   "mount BUCKET DIR",
		Short: "Mount a bucket as a POSIX file system (FUSE); unmount with Ctrl-C, SIGTERM or fusermount3 -u",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			bucket, dir := args[0], args[1]
			u, err := a.credentials()
			if err != nil {
				return err
			}
			log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
			// As the server's (internal/gcfloor.For).
			if err := gcfloor.Start(gcfloor.For(hoststats.Memory())); err != nil {
				log.Warn("heap floor", "err", err)
			}
			c := fsapi.NewClient(a.endpoint, bucket, u.AccessKey, u.SecretKey, a.region)
			if _, err := c.Stat(cmd.Context(), ""); err != nil {
				return fmt.Errorf("bucket %q at %s: %w", bucket, a.endpoint, err)
			}
			if vopts.CacheDir, err = openCacheDir(vopts.CacheDir, a.endpoint, bucket); err != nil {
				return err
			}
			vopts.CacheSize = cacheMiB << 20
			if pprofAddr != "" {
				// Profiles of the mount process itself (the gateway has
				// its own, for the root account).
				go func() { log.Warn("pprof server stopped", "err", http.ListenAndServe(pprofAddr, nil)) }()
			}
			v := vfs.New(c, vopts, log)
			m, err := fuse.New(dir, v, opts)
			if err != nil {
				return fmt.Errorf("mount %s: %w", dir, err)
			}
			log.Info("mounted", "bucket", bucket, "dir", dir, "endpoint", a.endpoint, "read_cache", vopts.CacheDir)
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
			go func() {
				for range sig {
					// Busy (a process inside the mount): say so and keep serving.
					if err := m.Unmount(); err != nil {
						log.Warn("unmount failed; still mounted", "err", err)
					}
				}
			}()
			m.Wait()
			log.Info("unmounted", "dir", dir)
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().DurationVar(&opts.EntryTimeout, "entry-timeout", 10*time.Second, "how long the kernel caches names (the change feed invalidates names other clients change sooner)")
	cmd.Flags().DurationVar(&opts.AttrTimeout, "attr-timeout", 10*time.Second, "how long the kernel caches attributes (the change feed invalidates those other clients change sooner)")
	cmd.Flags().DurationVar(&opts.PollInterval, "poll", 100*time.Millisecond, "change-feed polling period (cache invalidation)")
	cmd.Flags().BoolVar(&opts.AllowOther, "allow-other", false, "let users other than the mounter use the mount")
	cmd.Flags().BoolVar(&opts.Debug, "debug", false, "log every FUSE request")
	cmd.Flags().BoolVar(&opts.NoXattrs, "no-xattrs", false, "refuse every extended attribute (EOPNOTSUPP), after which the kernel sends no xattr request at all; without it, user.*, trusted.* and security.* xattrs are kept (POSIX ACLs and SELinux labels are always refused)")
	cmd.Flags().Int64Var(&vopts.MaxDirtyFile, "max-dirty-file", 32<<20, "unflushed bytes per file before a log flush")
	cmd.Flags().BoolVar(&vopts.LazyAttrs, "lazy-attrs", true, "send chmod/chown/utimes of a file being written with its publish at close (other clients see them at close); false sends each at once")
	cmd.Flags().BoolVar(&vopts.NegativeLookups, "negative-lookups", false, "answer lookups of names absent from a folder this mount made or listed whole without asking the gateway (touch and tar -x of new names cost a round trip less); a name made by another client then shows within a poll of the change feed instead of at once")
	cmd.Flags().BoolVar(&vopts.DeferredSync, "deferred-sync", false, "let the gateway answer creates, unlinks, renames and closes once they are visible (to S3 too) and make them durable within 100 ms, or at the next fsync, as a local file system's journal does; a power loss of the gateway may then lose the last 100 ms of them, never an fsync'd one")
	cmd.Flags().Int64Var(&vopts.MaxDirtyTotal, "max-dirty", 256<<20, "unflushed bytes in all files before log flushes")
	cmd.Flags().StringVar(&vopts.CacheDir, "cache-dir", autoCacheDir, "keep blocks read through the mount in this local folder (\"auto\": one per endpoint and bucket under the user's cache folder; empty: no read cache)")
	cmd.Flags().Int64Var(&cacheMiB, "cache-size", 1024, "most MiB the read cache keeps in --cache-dir")
	cmd.Flags().StringVar(&pprofAddr, "pprof", "", "serve the mount's Go profiles (net/http/pprof) at this address, e.g. 127.0.0.1:6061")
	cmd.Flags().MarkHidden("pprof")
	return cmd
}
