package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/restapi"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/events"
)

func newEventsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Manage notification targets, dead letters, redrive and replay",
	}
	target := &cobra.Command{
		Use:   "target",
		Short: "Register webhook and NATS targets for bucket notifications",
	}
	target.AddCommand(newTargetAddCmd(), newTargetListCmd(), newTargetRmCmd())
	cmd.AddCommand(target, newDeadCmd(), newRedriveCmd(), newReplayCmd())
	return cmd
}

func newTargetAddCmd() *cobra.Command {
	var a adminFlags
	var t events.TargetConfig
	cmd := &cobra.Command{
		Use:   "add NAME (--webhook URL [--secret S] | --nats SUBJECT [--server URL])",
		Short: "Add or replace a target; prints the ARN bucket notifications name it by",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case t.URL != "" && t.Subject != "":
				return errors.New("give --webhook or --nats, not both")
			case t.URL != "":
				t.Kind = event.KindWebhook
				if t.Server != "" {
					return errors.New("--server is for NATS targets")
				}
			case t.Subject != "":
				t.Kind = event.KindNATS
				if t.Secret != "" {
					return errors.New("--secret is for webhook targets")
				}
			default:
				return errors.New("give --webhook URL or --nats SUBJECT")
			}
			if t.MaxAttempts < 0 {
				return fmt.Errorf("--max-attempts %d: want 0 (default) or more", t.MaxAttempts)
			}
			var got struct {
				Name string `json:"name"`
				ARN  string `json:"arn"`
			}
			body, _ := json.Marshal(t) // strings and numbers: cannot fail
			if err := a.adminJSON(cmd.Context(), "PUT", targetPath(args[0]), body, &got); err != nil {
				return fmt.Errorf("target add %s: %w", args[0], err)
			}
			if wantJSON(cmd) {
				return printJSON(got)
			}
			// Region-less, as target list shows it: ARNs match by kind and
			// name, whatever region the server answers with.
			fmt.Println(event.Target{Kind: t.Kind, Name: got.Name}.ARN(""))
			fmt.Fprintf(os.Stderr, "%s target %s added: name it by this ARN in bucket notification configurations\n", t.Kind, got.Name)
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&t.URL, "webhook", "", "URL that receives POSTs of S3 event JSON")
	cmd.Flags().StringVar(&t.Secret, "secret", "", "webhook signing secret (header X-Strata-Signature)")
	cmd.Flags().StringVar(&t.Subject, "nats", "", "NATS subject that receives each event's JSON")
	cmd.Flags().StringVar(&t.Server, "server", "", "external NATS URL (default: the cluster's bus)")
	cmd.Flags().IntVar(&t.MaxAttempts, "max-attempts", 0, fmt.Sprintf("delivery attempts before dead-lettering (default %d)", events.DefaultTargetAttempts))
	return cmd
}

func targetPath(name string) string { return "/events/targets/" + url.PathEscape(name) }

func newTargetListCmd() *cobra.Command {
	var a adminFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List targets",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var ts []events.TargetConfig
			if err := a.adminJSON(cmd.Context(), "GET", "/events/targets", nil, &ts); err != nil {
				return err
			}
			if asJSON {
				return printJSON(nonNil(ts))
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tKIND\tARN\tDESTINATION\tATTEMPTS\tCREATED")
			for _, t := range ts {
				dest := t.URL
				if t.Kind == event.KindNATS {
					dest = t.Subject
					if t.Server != "" {
						dest += " @ " + t.Server
					}
				}
				attempts := t.MaxAttempts
				if attempts == 0 {
					attempts = events.DefaultTargetAttempts
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", t.Name, t.Kind, event.Target{Kind: t.Kind, Name: t.Name}.ARN(""),
					dest, attempts, t.Created.Local().Format("2006-01-02 15:04:05"))
			}
			return w.Flush()
		},
	}
	a.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newTargetRmCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "rm NAME",
		Short: "Remove a target",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.adminJSON(cmd.Context(), "DELETE", targetPath(args[0]), nil, nil); err != nil {
				return fmt.Errorf("target rm %s: %w", args[0], err)
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

// checkARN catches a mistyped --target before the server does, with an
// example of what is expected.
func checkARN(arn string) error {
	if _, err := event.ParseARN(arn); err != nil {
		return fmt.Errorf("--target %q is not a target ARN (e.g. arn:strata:sqs::NAME:webhook, arn:strata:sns::NAME:nats, arn:strata:lambda:::function:NAME)", arn)
	}
	return nil
}

func newDeadCmd() *cobra.Command {
	var a adminFlags
	var target string
	var max int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "dead [--target ARN]",
		Short: "List deliveries that ran out of attempts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := url.Values{"max": {fmt.Sprint(max)}}
			if target != "" {
				if err := checkARN(target); err != nil {
					return err
				}
				q.Set("target", target)
			}
			var dls []events.DeadLetter
			if err := a.adminJSON(cmd.Context(), "GET", "/events/dead?"+q.Encode(), nil, &dls); err != nil {
				return err
			}
			if asJSON {
				return printJSON(nonNil(dls))
			}
			if len(dls) == 0 {
				fmt.Fprintln(os.Stderr, "no dead letters")
				return nil
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "AT\tTARGET\tEVENT\tOBJECT\tATTEMPTS\tERROR")
			for _, d := range dls {
				obj := d.Event.Bucket
				if d.Event.Key != "" {
					obj += "/" + d.Event.Key
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", d.At, d.Target.ARN(""), orDash(d.Event.Name), orDash(obj),
					d.Attempts, strings.ReplaceAll(d.Error, "\n", " "))
			}
			return w.Flush()
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&target, "target", "", "only this target's (ARN)")
	cmd.Flags().IntVar(&max, "max", 100, "at most this many")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newRedriveCmd() *cobra.Command {
	var a adminFlags
	var target string
	cmd := &cobra.Command{
		Use:   "redrive --target ARN",
		Short: "Send a target's dead letters again, with fresh attempts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkARN(target); err != nil {
				return err
			}
			var got struct {
				Redriven int `json:"redriven"`
			}
			if err := a.apiCall(cmd.Context(), "POST", "/events/redrive", restapi.TargetRef{Target: target}, &got); err != nil {
				return fmt.Errorf("redrive: %w", err)
			}
			if wantJSON(cmd) {
				return printJSON(got)
			}
			fmt.Printf("redriven %d dead letters to %s\n", got.Redriven, target)
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&target, "target", "", "target ARN (required)")
	cmd.MarkFlagRequired("target")
	return cmd
}

func newReplayCmd() *cobra.Command {
	var a adminFlags
	var since, bucket, target string
	cmd := &cobra.Command{
		Use:   "replay --since TIME [--bucket B] [--target ARN]",
		Short: "Send stored events again, to the targets that match them now or to one",
		Long: `Re-send the events committed since --since (RFC 3339, e.g.
2026-11-30T10:00:00Z, or a duration ago, e.g. 1h) to the targets their
buckets' notification rules match now, or only to --target. Replayed
deliveries keep their event ids, so receivers can drop what they have seen.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := parseSince(since, time.Now())
			if err != nil {
				return err
			}
			req := restapi.ReplayRequest{Since: t.UTC(), Bucket: bucket, Target: target}
			if target != "" {
				if err := checkARN(target); err != nil {
					return err
				}
			}
			var got struct {
				Replayed int `json:"replayed"`
			}
			if err := a.apiCall(cmd.Context(), "POST", "/events/replay", req, &got); err != nil {
				return fmt.Errorf("replay: %w", err)
			}
			if wantJSON(cmd) {
				return printJSON(got)
			}
			fmt.Printf("replayed %d deliveries of events since %s\n", got.Replayed, t.Local().Format(time.RFC3339))
			return nil
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&since, "since", "", "RFC 3339 time, or a duration ago such as 1h or 30m (required)")
	cmd.Flags().StringVar(&bucket, "bucket", "", "only this bucket's events")
	cmd.Flags().StringVar(&target, "target", "", "only to this target (ARN)")
	cmd.MarkFlagRequired("since")
	return cmd
}

// parseSince reads an RFC 3339 time or a duration before now.
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: want an RFC 3339 time (2026-11-30T10:00:00Z) or a duration ago (1h, 30m)", s)
}
