package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/fn"
)

func newFnCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fn",
		Short: "Deploy, invoke and inspect functions, or run one locally",
	}
	cmd.AddCommand(newFnDeployCmd(), newFnListCmd(), newFnInvokeCmd(), newFnLogsCmd(), newFnRmCmd(),
		newFnBatchCmd(), newFnRunCmd())
	return cmd
}

// adminJSON sends an API call with an optional body and decodes the
// JSON answer into v (if non-nil).
func (a *adminFlags) adminJSON(ctx context.Context, method, route string, body []byte, v any) error {
	var b any
	if body != nil {
		b = body
	}
	return a.apiCall(ctx, method, route, b, v)
}

// registerDataDir is register for commands whose --data is something
// else: the data folder flag is --data-dir there.
func (a *adminFlags) registerDataDir(cmd *cobra.Command) {
	tmp := &cobra.Command{}
	a.register(tmp)
	tmp.Flags().Lookup("data").Name = "data-dir"
	cmd.Flags().AddFlagSet(tmp.Flags())
}

func fnPath(name string, rest ...string) string {
	return "/functions/" + strings.Join(append([]string{url.PathEscape(name)}, rest...), "/")
}

// loadManifest reads a manifest file, applies a name override and
// checks it as the server will.
func loadManifest(path, name string) (fn.Manifest, error) {
	var m fn.Manifest
	b, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: not a function manifest: %v", path, err)
	}
	if name != "" {
		m.Name = name
	}
	if err := m.Validate(); err != nil {
		return m, fmt.Errorf("%s: %v", path, err)
	}
	return m, nil
}

// loadModule reads a wasm manifest's module: the --module flag, else the
// manifest's "module" field relative to the manifest's folder. Native
// functions have none.
func loadModule(m fn.Manifest, manifestPath, flag string) ([]byte, error) {
	if m.Runtime == fn.RuntimeNative {
		if flag != "" {
			return nil, fmt.Errorf("%s is a native function: it takes no --module", m.Name)
		}
		return nil, nil
	}
	path := flag
	if path == "" {
		if m.Module == "" {
			return nil, fmt.Errorf("%s: no module: give --module FILE.wasm or set \"module\" in the manifest", manifestPath)
		}
		path = m.Module
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(manifestPath), path)
		}
	}
	mod, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("module: %w: build it with GOOS=wasip1 GOARCH=wasm go build -o %s, or give --module", err, path)
	}
	if !bytes.HasPrefix(mod, []byte("\x00asm")) {
		return nil, fmt.Errorf("module %s is not WebAssembly (build it with GOOS=wasip1 GOARCH=wasm)", path)
	}
	return mod, nil
}

func newFnDeployCmd() *cobra.Command {
	var a adminFlags
	var module, name string
	cmd := &cobra.Command{
		Use:   "deploy MANIFEST.json",
		Short: "Deploy a function (or replace the one of the same name)",
		Long: `Deploy the function a manifest describes. A wasm function's module is
--module, or the manifest's "module" field, relative to the manifest's folder.
Native functions run a program installed on the agents and need no module.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := loadManifest(args[0], name)
			if err != nil {
				return err
			}
			mod, err := loadModule(m, args[0], module)
			if err != nil {
				return err
			}
			body, err := json.Marshal(struct {
				Manifest fn.Manifest `json:"manifest"`
				Module   []byte      `json:"module,omitempty"`
			}{m, mod})
			if err != nil {
				return err
			}
			var got fn.Manifest
			if err := a.adminJSON(cmd.Context(), "PUT", fnPath(m.Name), body, &got); err != nil {
				return fmt.Errorf("deploy %s: %w", m.Name, err)
			}
			if wantJSON(cmd) {
				return printJSON(got)
			}
			fmt.Printf("deployed %s (%s)\n", got.Name, got.Runtime)
			if got.Digest != "" {
				fmt.Printf("  digest   %s\n", got.Digest)
			}
			fmt.Printf("  arn      %s\n", event.Target{Kind: event.KindFunction, Name: got.Name}.ARN(""))
			for _, t := range got.Triggers {
				fmt.Printf("  trigger  %s\n", triggerString(t))
			}
			if got.Schedule != "" {
				fmt.Printf("  schedule %s\n", got.Schedule)
			}
			if len(got.Triggers) == 0 && got.Schedule == "" {
				fmt.Println("  no triggers: runs on invoke, batch, or bucket notifications naming its ARN")
			}
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&module, "module", "", "wasm module (default: the manifest's \"module\")")
	cmd.Flags().StringVar(&name, "name", "", "deploy under this name instead of the manifest's")
	return cmd
}

// triggerString renders a trigger as "s3:ObjectCreated:* on bucket/prefix*suffix".
func triggerString(t fn.Trigger) string {
	s := strings.Join(t.Events, ",") + " on " + t.Bucket
	if t.Prefix != "" || t.Suffix != "" {
		s += "/" + t.Prefix + "*" + t.Suffix
	}
	return s
}

func newFnListCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List deployed functions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var ms []fn.Manifest
			if err := a.adminJSON(cmd.Context(), "GET", "/functions", nil, &ms); err != nil {
				return err
			}
			if asJSON {
				return printJSON(nonNil(ms))
			}
			sort.Slice(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tRUNTIME\tTRIGGERS\tCONCURRENCY\tTAGS\tDEPLOYED")
			for _, m := range ms {
				var trig []string
				for _, t := range m.Triggers {
					trig = append(trig, triggerString(t))
				}
				if m.Schedule != "" {
					trig = append(trig, "schedule "+m.Schedule)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%s\n", m.Name, m.Runtime, orDash(strings.Join(trig, "; ")),
					m.Lanes(), orDash(kvString(m.Tags)), m.Deployed.Local().Format("2006-01-02 15:04:05"))
			}
			return w.Flush()
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newFnInvokeCmd() *cobra.Command {
	var a adminFlags
	var data, file string
	cmd := &cobra.Command{
		Use:   "invoke NAME",
		Short: "Run a function now with a payload and print its record",
		Long: `Run a deployed function on an agent with the given payload (--data, or
--file, "-" for stdin; empty without either) and print the outcome and its
log. The exit status is 1 when the function did not succeed. Here --data is
the payload: the data folder holding credentials is --data-dir.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if data != "" && file != "" {
				return errors.New("give --data or --file, not both")
			}
			payload := []byte(data)
			var err error
			switch file {
			case "":
			case "-":
				payload, err = io.ReadAll(os.Stdin)
			default:
				payload, err = os.ReadFile(file)
			}
			if err != nil {
				return err
			}
			var rec fn.Record
			if err := a.adminJSON(cmd.Context(), "POST", fnPath(args[0], "invoke"), payload, &rec); err != nil {
				return fmt.Errorf("invoke %s: %w", args[0], err)
			}
			if wantJSON(cmd) {
				printJSON(rec)
			} else {
				printRecord(rec)
			}
			if rec.Result != fn.ResultOK {
				return fmt.Errorf("%s: %s (invocation %s)", rec.Function, rec.Result, rec.ID)
			}
			return nil
		},
	}
	a.registerDataDir(cmd)
	cmd.Flags().StringVar(&data, "data", "", "payload")
	cmd.Flags().StringVar(&file, "file", "", "read the payload from this file (- for stdin)")
	return cmd
}

// printRecord prints one invocation for people.
func printRecord(rec fn.Record) {
	fmt.Printf("result    %s\n", rec.Result)
	fmt.Printf("duration  %.1f ms (%s)\n", rec.Duration, coldWarm(rec.Cold))
	fmt.Printf("agent     %s\n", rec.Agent)
	fmt.Printf("id        %s\n", rec.ID)
	if rec.Error != "" {
		fmt.Printf("error     %s\n", rec.Error)
	}
	printLogs(rec.Logs, "")
}

func printLogs(logs, indent string) {
	logs = strings.TrimRight(logs, "\n")
	if logs == "" {
		return
	}
	fmt.Println(indent + "--- log")
	for _, l := range strings.Split(logs, "\n") {
		fmt.Println(indent + l)
	}
}

func coldWarm(cold bool) string {
	if cold {
		return "cold"
	}
	return "warm"
}

func newFnLogsCmd() *cobra.Command {
	var a adminFlags
	var limit int
	var id string
	var asJSON, verbose bool
	cmd := &cobra.Command{
		Use:   "logs NAME",
		Short: "Show a function's latest invocations, newest first",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := url.Values{"limit": {fmt.Sprint(limit)}}
			if id != "" {
				q.Set("id", id)
			}
			var recs []fn.Record
			if err := a.adminJSON(cmd.Context(), "GET", fnPath(args[0], "logs")+"?"+q.Encode(), nil, &recs); err != nil {
				return fmt.Errorf("logs %s: %w", args[0], err)
			}
			if asJSON {
				return printJSON(nonNil(recs))
			}
			if len(recs) == 0 {
				fmt.Fprintf(os.Stderr, "no invocations of %s recorded\n", args[0])
				return nil
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "TIME\tID\tEVENT\tOBJECT\tAGENT\tATTEMPT\tDURATION\tRESULT\tERROR")
			for _, r := range recs {
				obj := r.Bucket
				if r.Key != "" {
					obj += "/" + r.Key
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%.1fms\t%s\t%s\n", r.Start.Local().Format("2006-01-02 15:04:05.000"),
					r.ID, orDash(r.Event), orDash(obj), r.Agent, r.Attempt, r.Duration, r.Result, r.Error)
				if verbose {
					// Flushed so the log sits under its own line.
					w.Flush()
					printLogs(r.Logs, "    ")
				}
			}
			return w.Flush()
		},
	}
	a.register(cmd)
	cmd.Flags().IntVar(&limit, "limit", 20, "at most this many records")
	cmd.Flags().StringVar(&id, "id", "", "only the invocation (or event) with this id")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print each invocation's log")
	return cmd
}

func newFnRmCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove a function and its modules",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.adminJSON(cmd.Context(), "DELETE", fnPath(args[0]), nil, nil); err != nil {
				return fmt.Errorf("rm %s: %w", args[0], err)
			}
			if wantJSON(cmd) {
				return printJSON(map[string]string{"removed": args[0]})
			}
			fmt.Printf("removed %s\n", args[0])
			return nil
		},
	}
	a.register(cmd)
	return cmd
}

func newFnBatchCmd() *cobra.Command {
	var a adminFlags
	var bucket, prefix string
	cmd := &cobra.Command{
		Use:   "batch NAME --bucket B [--prefix P]",
		Short: "Run a function once for every existing object under a prefix",
		Long: `Queue one invocation per object of a bucket (under --prefix), paced so the
function's backlog stays small and paused while agents are busy. Progress is
printed as the server reports it; see results with strata fn logs.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := url.Values{"bucket": {bucket}}
			if prefix != "" {
				q.Set("prefix", prefix)
			}
			// JSON lines unless a person watches a terminal.
			pw := &progressWriter{raw: wantJSON(cmd) || !isTerminal(os.Stdout)}
			if err := a.apiCall(cmd.Context(), "POST", fnPath(args[0], "batch")+"?"+q.Encode(), nil, pw); err != nil {
				return fmt.Errorf("batch %s: %w", args[0], err)
			}
			if err := pw.close(); err != nil {
				return fmt.Errorf("batch %s: %w", args[0], err)
			}
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&bucket, "bucket", "", "bucket whose objects to process (required)")
	cmd.Flags().StringVar(&prefix, "prefix", "", "only keys with this prefix")
	cmd.MarkFlagRequired("bucket")
	return cmd
}

// progressWriter prints a batch's ndjson progress lines as they arrive
// and keeps the error line the server ends a failed stream with.
type progressWriter struct {
	raw     bool // print the JSON lines as they come (--json)
	partial []byte
	err     error
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.partial = append(p.partial, b...)
	for {
		i := bytes.IndexByte(p.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		p.line(p.partial[:i])
		p.partial = p.partial[i+1:]
	}
}

func (p *progressWriter) line(l []byte) {
	var v struct {
		fn.BatchProgress
		Error string `json:"error"`
	}
	if len(bytes.TrimSpace(l)) == 0 {
		return
	}
	bad := json.Unmarshal(l, &v) != nil
	if bad || p.raw {
		fmt.Printf("%s\n", l)
	}
	if v.Error != "" {
		p.err = errors.New(v.Error)
	}
	if bad || p.raw || v.Error != "" {
		return
	}
	state := "running"
	if v.Done {
		state = "done"
	}
	fmt.Printf("job %s: %s, %d queued, %d waiting, %d throttled\n", v.Job, state, v.Queued, v.Waiting, v.Throttled)
}

func (p *progressWriter) close() error {
	if len(p.partial) > 0 {
		p.line(p.partial)
	}
	return p.err
}

func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// nonNil makes an empty answer print as [], not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// kvString renders a map as sorted k=v pairs.
func kvString(m map[string]string) string {
	var kv []string
	for k, v := range m {
		kv = append(kv, k+"="+v)
	}
	sort.Strings(kv)
	return strings.Join(kv, ",")
}
