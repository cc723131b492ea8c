package s3

import (
	"fmt"
	"testing"
)

func TestParseRestoreRequest(t *testing.T) {
	for _, c := range []struct {
		body string
		days int
		tier string
		code string
	}{
		{`<RestoreRequest><Days>3</Days></RestoreRequest>`, 3, "Standard", ""},
		{`<RestoreRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Days>1</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>`, 1, "Bulk", ""},
		{`<RestoreRequest><Days>2</Days><Tier>Expedited</Tier></RestoreRequest>`, 2, "Expedited", ""},
		{`<RestoreRequest><Days>0</Days></RestoreRequest>`, 0, "", "InvalidArgument"},
		{`<RestoreRequest><Days>36501</Days></RestoreRequest>`, 0, "", "InvalidArgument"},
		{`<RestoreRequest/>`, 0, "", "MalformedXML"},
		{`<RestoreRequest><Days>1</Days><GlacierJobParameters><Tier>Fast</Tier></GlacierJobParameters></RestoreRequest>`, 0, "", "MalformedXML"},
		{`<RestoreRequest><Type>SELECT</Type></RestoreRequest>`, 0, "", "NotImplemented"},
		{`<Other><Days>1</Days></Other>`, 0, "", "MalformedXML"},
		{``, 0, "", "MalformedXML"},
	} {
		days, tier, err := parseRestoreRequest([]byte(c.body))
		got := ""
		if err != nil {
			got = toAPIError(err).Code
		}
		if got != c.code || days != c.days || tier != c.tier {
			t.Errorf("%s: got %d %q %q, want %d %q %q", c.body, days, tier, got, c.days, c.tier, c.code)
		}
	}
}

// FuzzRestoreRequest: the RestoreRequest parser never panics, and what
// it accepts is in range and round-trips.
func FuzzRestoreRequest(f *testing.F) {
	f.Add([]byte(`<RestoreRequest><Days>3</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>`))
	f.Add([]byte(`<RestoreRequest><Days>-1</Days></RestoreRequest>`))
	f.Add([]byte(`<RestoreRequest><Type>SELECT</Type><OutputLocation/></RestoreRequest>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		days, tier, err := parseRestoreRequest(body)
		if err != nil {
			if toAPIError(err).Status >= 500 && toAPIError(err).Code != "NotImplemented" {
				t.Fatalf("server error for a bad request: %v", err)
			}
			return
		}
		if days < 1 || days > maxRestoreDays || (tier != "Expedited" && tier != "Standard" && tier != "Bulk") {
			t.Fatalf("accepted days %d tier %q", days, tier)
		}
		again := fmt.Sprintf(`<RestoreRequest><Days>%d</Days><GlacierJobParameters><Tier>%s</Tier></GlacierJobParameters></RestoreRequest>`, days, tier)
		if d, ti, err := parseRestoreRequest([]byte(again)); err != nil || d != days || ti != tier {
			t.Fatalf("round trip %d %q: %d %q %v", days, tier, d, ti, err)
		}
	})
}
