package cli

import (
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/usage"
)

// usageFormat resolves --format and the root's --json.
func usageFormat(format string, asJSON bool) (string, error) {
	if asJSON {
		return usage.FormatJSON, nil
	}
	switch format {
	case usage.FormatTable, usage.FormatCSV, usage.FormatJSON:
		return format, nil
	}
	return "", fmt.Errorf("--format %q: want table, csv or json", format)
}

func newUsageCmd() *cobra.Command {
	var a adminFlags
	var from, to, account, bucket, format string
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Usage per account and bucket: requests by class, bytes in and out, what is stored",
		Long: `Sums the hourly usage samples of the cluster (every gateway) over a
range of hours, per account and bucket: requests by class (put: PUT, COPY,
POST, LIST; get: GET, HEAD; delete: DELETE), body bytes in and out, and
the last stored sample in the range (objects, logical bytes, raw bytes per
storage policy). The range defaults to the current month so far.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := usageFormat(format, wantJSON(cmd))
			if err != nil {
				return err
			}
			q := url.Values{}
			if from == "" {
				from = time.Now().UTC().Format("2006-01") + "-01"
			}
			q.Set("from", from)
			for k, v := range map[string]string{"to": to, "account": account, "bucket": bucket} {
				if v != "" {
					q.Set(k, v)
				}
			}
			var rep usage.Report
			if err := a.apiCall(cmd.Context(), "GET", "/usage?"+q.Encode(), nil, &rep); err != nil {
				return err
			}
			return usage.WriteRows(os.Stdout, rep.Rows, f)
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&from, "from", "", "first hour: YYYY-MM-DD, YYYY-MM-DDTHH or RFC 3339 (default: the month's start)")
	cmd.Flags().StringVar(&to, "to", "", "end (excluded), same forms (default: now)")
	cmd.Flags().StringVar(&account, "account", "", "only this account")
	cmd.Flags().StringVar(&bucket, "bucket", "", "only this bucket")
	cmd.Flags().StringVar(&format, "format", usage.FormatTable, "table, csv or json (--json: json)")
	cmd.AddCommand(newUsageInvoiceCmd())
	return cmd
}

func newUsageInvoiceCmd() *cobra.Command {
	var a adminFlags
	var month, prices, account, format string
	cmd := &cobra.Command{
		Use:   "invoice --month YYYY-MM --prices FILE",
		Short: "Each account's invoice lines for a month, from a price sheet",
		Long: `Prices a month of usage with a price sheet (YAML or JSON):

  currency: EUR
  storage_gib_month: {THREECOPIES: 0.03, "EC4+2": 0.015, "*": 0.02}  # per raw GiB-month
  requests_per_1000: {put: 0.005, get: 0.0004, delete: 0}
  egress_gib: 0.05

A GiB-month is the average, over the month's hours, of the raw GiB of
the hourly stored samples; a month in progress is billed for the hours
that have passed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := usageFormat(format, wantJSON(cmd))
			if err != nil {
				return err
			}
			if _, err := usage.ParseMonth(month); err != nil {
				return err
			}
			b, err := os.ReadFile(prices)
			if err != nil {
				return err
			}
			sheet, err := usage.ParsePriceSheet(b) // refused here rather than by the server
			if err != nil {
				return fmt.Errorf("%s: %w", prices, err)
			}
			q := url.Values{"month": {month}}
			if account != "" {
				q.Set("account", account)
			}
			var invs []usage.Invoice
			if err := a.apiCall(cmd.Context(), "POST", "/usage/invoices?"+q.Encode(), sheet, &invs); err != nil {
				return err
			}
			return usage.WriteInvoices(os.Stdout, invs, f)
		},
	}
	a.register(cmd)
	cmd.Flags().StringVar(&month, "month", time.Now().UTC().Format("2006-01"), "month, YYYY-MM")
	cmd.Flags().StringVar(&prices, "prices", envOr("STRATA_PRICES", "prices.yaml"), "price sheet, YAML or JSON (default $STRATA_PRICES)")
	cmd.Flags().StringVar(&account, "account", "", "only this account")
	cmd.Flags().StringVar(&format, "format", usage.FormatTable, "table, csv or json (--json: json)")
	return cmd
}
