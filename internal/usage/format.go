package usage

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"text/tabwriter"

	"github.com/strata-storage/strata/internal/strata"
)

// Formats of WriteRows and WriteInvoices.
const (
	FormatTable = "table" // aligned columns, for people
	FormatCSV   = "csv"   // one header line, then one line per row
	FormatJSON  = "json"  // the API's own JSON
)

// policies is every storage policy in rows, sorted: one raw-bytes
// column each.
func policies(rows []Row) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		for p := range r.Stored.RawBytes {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// WriteRows writes a usage report in format.
func WriteRows(w io.Writer, rows []Row, format string) error {
	if format == FormatJSON {
		return writeJSON(w, rows)
	}
	pols := policies(rows)
	head := []string{"ACCOUNT", "BUCKET", "PUT", "GET", "DELETE", "BYTES_IN", "BYTES_OUT", "OBJECTS", "LOGICAL_BYTES"}
	for _, p := range pols {
		head = append(head, "RAW_"+p)
	}
	lines := [][]string{head}
	for _, r := range rows {
		t := r.Traffic
		l := []string{r.Account, r.Bucket, i64(t.Put), i64(t.Get), i64(t.Delete), i64(t.BytesIn), i64(t.BytesOut),
			i64(r.Stored.Objects), i64(r.Stored.LogicalBytes)}
		for _, p := range pols {
			l = append(l, i64(r.Stored.RawBytes[p]))
		}
		lines = append(lines, l)
	}
	return writeLines(w, lines, format)
}

// WriteInvoices writes invoices in format; the table and CSV have one
// line per invoice line and one TOTAL line per invoice.
func WriteInvoices(w io.Writer, invs []Invoice, format string) error {
	if format == FormatJSON {
		return writeJSON(w, invs)
	}
	lines := [][]string{{"ACCOUNT", "MONTH", "ITEM", "QUANTITY", "UNIT", "UNIT_PRICE", "AMOUNT", "CURRENCY"}}
	for _, inv := range invs {
		for _, l := range inv.Lines {
			lines = append(lines, []string{inv.Account, inv.Month, l.Item, num(l.Quantity), l.Unit, num(l.UnitPrice), num(l.Amount), inv.Currency})
		}
		lines = append(lines, []string{inv.Account, inv.Month, "TOTAL", "", "", "", num(inv.Total), inv.Currency})
	}
	return writeLines(w, lines, format)
}

func writeLines(w io.Writer, lines [][]string, format string) error {
	switch format {
	case FormatCSV:
		cw := csv.NewWriter(w)
		cw.WriteAll(lines)
		return cw.Error()
	case FormatTable, "":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, l := range lines {
			for i, c := range l {
				if i > 0 {
					io.WriteString(tw, "\t")
				}
				io.WriteString(tw, c)
			}
			io.WriteString(tw, "\n")
		}
		return tw.Flush()
	}
	return strata.Errorf("usage.format", strata.Invalid, "format %q: want table, csv or json", format)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }

// num prints a quantity or an amount with no more digits than it has
// (at most six decimals: amounts are rounded to millionths).
func num(v float64) string { return strconv.FormatFloat(roundMicro(v), 'f', -1, 64) }
