package smb

import (
	"bytes"
	"context"
	"os/exec"
	"os/user"
	"strings"

	"github.com/strata-storage/strata/internal/strata"
)

// accounts keeps Samba's passdb (under the state folder) equal to the
// served users. Samba insists on a Unix account behind each passdb entry,
// so a missing one is created as a system account without home or shell
// (and left in place at stop unless Config.RemoveAccounts).
type accounts struct {
	conf    string // smb.conf, which names the passdb
	created []string
}

// sync adds or updates a passdb entry per user and deletes the others.
func (a *accounts) sync(ctx context.Context, users []User) error {
	want := map[string]bool{}
	for _, u := range users {
		want[u.AccessKey] = true
		if err := a.ensureUnix(ctx, u.AccessKey); err != nil {
			return err
		}
		// smbpasswd -s reads the new password twice from stdin; -a adds
		// the entry or, when present, sets its password.
		in := u.SecretKey + "\n" + u.SecretKey + "\n"
		if err := run(ctx, in, "smbpasswd", "-c", a.conf, "-s", "-a", u.AccessKey); err != nil {
			return err
		}
	}
	out, err := output(ctx, "pdbedit", "-s", a.conf, "-L")
	if err != nil {
		return err
	}
	for _, line := range strings.Split(out, "\n") {
		name, _, _ := strings.Cut(line, ":")
		if name == "" || want[name] {
			continue
		}
		if err := run(ctx, "", "pdbedit", "-s", a.conf, "-x", "-u", name); err != nil {
			return err
		}
	}
	return nil
}

func (a *accounts) ensureUnix(ctx context.Context, name string) error {
	if _, err := user.Lookup(name); err == nil {
		return nil
	}
	err := run(ctx, "", "useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
		"--shell", "/usr/sbin/nologin", "--comment", "strata smb user", name)
	if err != nil {
		return err
	}
	a.created = append(a.created, name)
	return nil
}

// removeCreated deletes the Unix accounts this run created.
func (a *accounts) removeCreated(ctx context.Context) error {
	var first error
	for _, name := range a.created {
		if err := run(ctx, "", "userdel", name); err != nil && first == nil {
			first = err
		}
	}
	a.created = nil
	return first
}

func run(ctx context.Context, stdin string, name string, args ...string) error {
	_, err := command(ctx, stdin, name, args...)
	return err
}

func output(ctx context.Context, name string, args ...string) (string, error) {
	return command(ctx, "", name, args...)
}

func command(ctx context.Context, stdin string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", strata.Errorf("smb."+name, strata.Internal, "%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}
