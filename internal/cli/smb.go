package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/fuse"
	"github.com/strata-storage/strata/internal/smb"
	"github.com/strata-storage/strata/internal/vfs"
)

func smbCmd() *cobra.Command {
	var a adminFlags
	cfg := smb.DefaultConfig()
	var fopts fuse.Options
	cfg.Mount = func(dir string, v *vfs.FS) (smb.Mount, error) { return fuse.New(dir, v, fopts) }
	var credFile string
	var users []string
	cmd := &cobra.Command{
		Use:   "smb",
		Short: "Serve buckets as SMB2/3 shares through Samba (smbd over per-user FUSE mounts); stop with Ctrl-C or SIGTERM",
		Long: `Serve buckets as SMB2/3 shares through Samba.

Each served user logs in with an access key id as user name and its secret as
password. Give the keys with --credentials FILE (ACCESS_KEY:SECRET lines, mode
0600) and/or --user AK:SK; with neither, the root key is served
(STRATA_ACCESS_KEY/STRATA_SECRET_KEY or the generated root credentials in
--data). Each user's buckets are mounted with its own key under
STATE/mnt/<key>/<bucket>, so Strata's policies confine it as over S3; each
bucket is a share. Needs root, /dev/fuse, fusermount3 and Debian's samba
(smbd, smbpasswd, pdbedit). A Unix system account (no home, no shell) is
created for each user that has none (--remove-accounts removes them at stop).
See docs/SMB.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.trustCA(); err != nil {
				return err
			}
			var err error
			if cfg.Users, err = smbUsers(&a, credFile, users); err != nil {
				return err
			}
			if cfg.State, err = filepath.Abs(cfg.State); err != nil {
				return err
			}
			cfg.Endpoint, cfg.Region, cfg.Logger = a.endpoint, a.region, logger(cmd)
			s, err := smb.Start(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			<-cmd.Context().Done()
			return s.Close()
		},
	}
	a.register(cmd)
	f := cmd.Flags()
	f.StringVar(&cfg.Addr, "smb-addr", cfg.Addr, "IP:port smbd listens on")
	f.StringVar(&cfg.State, "state", cfg.State, "folder for smb.conf, Samba's databases and the mounts")
	f.StringVar(&credFile, "credentials", "", "file of ACCESS_KEY:SECRET lines to serve (mode 0600)")
	f.StringArrayVar(&users, "user", nil, "ACCESS_KEY:SECRET to serve (repeatable; visible in ps, prefer --credentials)")
	f.StringArrayVar(&cfg.Buckets, "bucket", nil, "serve only this bucket (repeatable; default: every bucket each key lists)")
	f.StringVar(&cfg.Encrypt, "encrypt", cfg.Encrypt, "SMB3 encryption (Samba's server smb encrypt): off, if_required, desired, required")
	f.StringVar(&cfg.Signing, "signing", cfg.Signing, "SMB signing (Samba's server signing): default, auto, mandatory")
	f.StringVar(&cfg.Smbd, "smbd", "", "smbd binary (default: smbd on PATH)")
	f.BoolVar(&cfg.RemoveAccounts, "remove-accounts", false, "at stop, remove the Unix accounts this run created for the users")
	f.DurationVar(&fopts.EntryTimeout, "entry-timeout", time.Second, "how long the kernel caches names")
	f.DurationVar(&fopts.AttrTimeout, "attr-timeout", time.Second, "how long the kernel caches attributes")
	return cmd
}

// smbUsers gathers the keys to serve: the credentials file, then --user,
// else the root key.
func smbUsers(a *adminFlags, file string, flags []string) ([]smb.User, error) {
	var users []smb.User
	if file != "" {
		st, err := os.Stat(file)
		if err != nil {
			return nil, err
		}
		if st.Mode().Perm()&0o077 != 0 {
			return nil, fmt.Errorf("credentials file %s is mode %o: it holds secrets, make it 0600", file, st.Mode().Perm())
		}
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if users, err = smb.ParseCredentials(f); err != nil {
			return nil, err
		}
	}
	for _, s := range flags {
		u, err := smb.ParseUser(s)
		if err != nil {
			return nil, fmt.Errorf("--user: %v", err)
		}
		users = append(users, u)
	}
	if len(users) == 0 {
		root, err := a.credentials()
		if err != nil {
			return nil, err
		}
		users = append(users, smb.User{AccessKey: root.AccessKey, SecretKey: root.SecretKey})
	}
	return users, nil
}
