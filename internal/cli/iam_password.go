package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"
)

// newPasswordCmd: strata user password set|delete USER, a user's console
// password (its IAM login profile).
func newPasswordCmd() *cobra.Command {
	c := &cobra.Command{Use: "password", Short: "A user's console password (IAM login profile)"}
	c.AddCommand(newPasswordSetCmd(),
		iamCmd("delete USER", "Remove a user's console password", 1, named("DELETE", "/users", "/login-profile"), nil, nil),
		iamCmd("get USER", "Whether a user has a console password (never the password)", 1, named("GET", "/users", "/login-profile"), nil, nil))
	return c
}

func newPasswordSetCmd() *cobra.Command {
	var f iamFlags
	var password string
	var reset bool
	c := &cobra.Command{Use: "set USER", Short: "Set a user's console password (from --password, else the first line of stdin)",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if password == "" {
				pw, err := firstLine(cmd.InOrStdin())
				if err != nil {
					return err
				}
				password = pw
			}
			req := restapi.LoginPassword{Password: &password}
			if cmd.Flags().Changed("reset-required") {
				req.ResetRequired = &reset
			}
			route := f.route("/users/" + esc(args[0]) + "/login-profile")
			var out any
			// Change the password if the user has one, else create it.
			err := f.apiCall(cmd.Context(), "PUT", route, req, &out)
			if err != nil && strings.HasPrefix(err.Error(), "NoSuchEntity:") {
				err = f.apiCall(cmd.Context(), "POST", route, req, &out)
			}
			if err != nil {
				return err
			}
			return printJSON(out)
		}}
	f.register(c)
	c.Flags().StringVar(&password, "password", "", "the password (visible to other local users in the process list: prefer stdin)")
	c.Flags().BoolVar(&reset, "reset-required", false, "the user must change it at the next sign-in")
	return c
}

// firstLine reads a password from stdin: its first line, without the
// line ending.
func firstLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no password: give --password or write it on stdin")
	}
	return line, nil
}
