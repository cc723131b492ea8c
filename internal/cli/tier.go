package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/tier"
)

// tierPath is where the native REST API serves the remote tiers.
const tierPath = "/tiers"

func newTierCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tier",
		Short: "Remote tiers: other S3 endpoints that storage classes keep their data on",
		Long: `A remote tier is a bucket on another S3 endpoint (another Strata, MinIO,
AWS). A storage class mapped to a tier (server flag --class CLASS=tier:NAME)
writes each version's data there as one object, and reads go through
transparently. The secret key is sealed under the cluster key and never
shown again. See docs/ARCHIVE.md.`,
	}
	cmd.AddCommand(newTierAddCmd(), newTierListCmd(), newTierRemoveCmd())
	return cmd
}

func newTierAddCmd() *cobra.Command {
	var a adminFlags
	var t tier.Tier
	var caFile string
	cmd := &cobra.Command{
		Use:   "add NAME --endpoint URL --bucket B [--prefix P] --access-key AK --secret-key SK [--region R] [--ca FILE]",
		Short: "Add (or replace) a remote tier",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t.Name = args[0]
			if caFile != "" {
				pem, err := os.ReadFile(caFile)
				if err != nil {
					return err
				}
				t.CA = string(pem)
			}
			if err := t.Validate(); err != nil {
				return err
			}
			body, _ := json.Marshal(t)
			return apiShow(cmd, &a, "PUT", tierPath+"/"+t.Name, body, func(got tier.Tier) error {
				return printTiers(os.Stdout, []tier.Tier{got})
			})
		},
	}
	a.registerAsServer(cmd)
	f := cmd.Flags()
	f.StringVar(&t.Endpoint, "endpoint", "", "the tier's S3 endpoint, http(s)://host[:port]")
	f.StringVar(&t.Bucket, "bucket", "", "bucket on the tier that holds the data")
	f.StringVar(&t.Prefix, "prefix", "", "key prefix of every object written there")
	f.StringVar(&t.AccessKey, "access-key", "", "access key on the tier")
	f.StringVar(&t.SecretKey, "secret-key", "", "secret key on the tier (stored sealed)")
	f.StringVar(&t.Region, "region", "", "the tier's region (default us-east-1)")
	f.StringVar(&caFile, "ca", "", "PEM file of the roots to trust for an https endpoint")
	return cmd
}

func newTierListCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the remote tiers (without secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return apiShow(cmd, &a, "GET", tierPath, nil, func(list []tier.Tier) error { return printTiers(os.Stdout, list) })
		},
	}
	a.register(cmd)
	return cmd
}

func newTierRemoveCmd() *cobra.Command {
	var a adminFlags
	cmd := &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a remote tier (objects already on it stay there, unreadable until it is added again)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return apiShow(cmd, &a, "DELETE", tierPath+"/"+args[0], nil, func(json.RawMessage) error {
				fmt.Println("removed", args[0])
				return nil
			})
		},
	}
	a.register(cmd)
	return cmd
}

// registerAsServer is register for commands whose own --endpoint,
// --region and --ca describe a remote: the server's are then --server,
// --server-region and --server-ca (STRATA_ENDPOINT still applies).
func (a *adminFlags) registerAsServer(cmd *cobra.Command) {
	tmp := &cobra.Command{}
	a.register(tmp)
	for old, name := range map[string]string{"endpoint": "server", "region": "server-region", "ca": "server-ca"} {
		tmp.Flags().Lookup(old).Name = name
	}
	cmd.Flags().AddFlagSet(tmp.Flags())
}

// printTiers prints tiers as an aligned table.
func printTiers(w io.Writer, list []tier.Tier) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tENDPOINT\tBUCKET\tPREFIX\tACCESS KEY\tREGION")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, t := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Name, t.Endpoint, t.Bucket, dash(t.Prefix), t.AccessKey, dash(t.Region))
	}
	return tw.Flush()
}
