package cli

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// iamFlags are what the identity commands share: the server, the keys
// to sign with, and the account acted on (the administrator's choice).
type iamFlags struct {
	adminFlags
	account string
}

func (f *iamFlags) register(cmd *cobra.Command) {
	f.adminFlags.register(cmd)
	cmd.Flags().StringVar(&f.account, "account", "", "account to act on (administrator only; default: the caller's)")
}

// route adds the account acted on to an API route.
func (f *iamFlags) route(r string) string {
	if f.account == "" {
		return r
	}
	sep := "?"
	if strings.Contains(r, "?") {
		sep = "&"
	}
	return r + sep + "account=" + url.QueryEscape(f.account)
}

func newIAMCmd(use, short string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short}
	c.AddCommand(subs...)
	return c
}

// call is one identity call: the API route and body its arguments give.
type call struct {
	method, route string
	body          any
}

// iamCmd is one identity subcommand. build turns its arguments and flags
// into an API call; table, if set, prints the answer as a table unless
// --json (without one the answer is printed as JSON).
func iamCmd(use, short string, nargs int, build func(args []string, c *cobra.Command) (call, error),
	table func(v any) [][]string, flags func(*cobra.Command)) *cobra.Command {
	var f iamFlags
	c := &cobra.Command{Use: use, Short: short, Args: cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			cl, err := build(args, cmd)
			if err != nil {
				return err
			}
			var out any
			if err := f.apiCall(cmd.Context(), cl.method, f.route(cl.route), cl.body, &out); err != nil {
				return err
			}
			if table == nil || wantJSON(cmd) {
				return printJSON(out)
			}
			return printTable(table(out))
		}}
	f.register(c)
	if flags != nil {
		flags(c)
	}
	return c
}

// printTable prints rows aligned; the first row is the header.
func printTable(rows [][]string) error {
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// columns makes a table function from a list answer: one row per item
// with the named fields.
func columns(fields ...string) func(v any) [][]string {
	return func(v any) [][]string {
		head := make([]string, len(fields))
		for i, f := range fields {
			head[i] = strings.ToUpper(strings.ReplaceAll(f, "_", " "))
		}
		rows := [][]string{head}
		items, _ := v.([]any)
		for _, it := range items {
			m, _ := it.(map[string]any)
			row := make([]string, len(fields))
			for i, f := range fields {
				row[i] = cell(m[f])
			}
			rows = append(rows, row)
		}
		return rows
	}
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "-"
	case string:
		return orDash(x)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = cell(p)
		}
		return orDash(strings.Join(parts, ","))
	case float64:
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func fileFlag(c *cobra.Command) { c.Flags().String("file", "", "policy document (JSON file)") }
func pathFlag(c *cobra.Command) { c.Flags().String("path", "", "IAM path, e.g. /team/") }
func userFlag(c *cobra.Command) {
	c.Flags().String("user", "", "IAM user (default: the account root's own keys)")
}

// readDoc reads --file.
func readDoc(c *cobra.Command) (string, error) {
	name, _ := c.Flags().GetString("file")
	if name == "" {
		return "", fmt.Errorf("give the policy document with --file")
	}
	b, err := os.ReadFile(name)
	return string(b), err
}

func flag(c *cobra.Command, name string) string {
	s, _ := c.Flags().GetString(name)
	return s
}

func esc(s string) string { return url.PathEscape(s) }
