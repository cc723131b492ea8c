package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
)

// newSSHKeyCmd: strata user ssh-key add|list|enable|disable|rm USER, the
// SSH public keys a user logs in to the SFTP server with.
func newSSHKeyCmd() *cobra.Command {
	route := func(user string) string { return "/users/" + esc(user) + "/ssh-keys" }
	status := func(s string) func([]string, *cobra.Command) (call, error) {
		return func(args []string, c *cobra.Command) (call, error) {
			return call{"PUT", route(args[0]) + "/" + esc(args[1]), restapi.KeyStatus{Status: s}}, nil
		}
	}
	return newIAMCmd("ssh-key", "A user's SSH public keys (SFTP logins)",
		iamCmd("add USER", "Register an SSH public key (from --file, else the first line of stdin)", 1,
			func(args []string, c *cobra.Command) (call, error) {
				body, err := sshKeyBody(c)
				return call{"POST", route(args[0]), restapi.NewSSHKey{Body: body}}, err
			}, nil, func(c *cobra.Command) { c.Flags().String("file", "", "public key file, e.g. ~/.ssh/id_ed25519.pub") }),
		iamCmd("list USER", "List a user's SSH public keys", 1, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "GET", route: route(args[0])}, nil
		}, columns("id", "fingerprint", "status", "uploaded"), nil),
		iamCmd("enable USER ID", "Activate an SSH public key", 2, status("Active"), nil, nil),
		iamCmd("disable USER ID", "Deactivate an SSH public key: it logs no one in", 2, status("Inactive"), nil, nil),
		iamCmd("rm USER ID", "Delete an SSH public key", 2, func(args []string, c *cobra.Command) (call, error) {
			return call{method: "DELETE", route: route(args[0]) + "/" + esc(args[1])}, nil
		}, nil, nil),
	)
}

// sshKeyBody reads the public key from --file, else from stdin.
func sshKeyBody(c *cobra.Command) (string, error) {
	if f := flag(c, "file"); f != "" {
		b, err := os.ReadFile(f)
		return string(b), err
	}
	line, err := firstLine(c.InOrStdin())
	if err != nil {
		return "", fmt.Errorf("no public key: give --file or write it on stdin")
	}
	return line, nil
}
