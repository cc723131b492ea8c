package auth

import (
	"testing"
	"time"
)

func TestParseDateForms(t *testing.T) {
	want := time.Date(2026, 11, 30, 21, 21, 37, 0, time.UTC)
	for _, s := range []string{"20261130T212137Z", "Mon, 30 Nov 2026 21:21:37 GMT", "Mon, 30 Nov 2026 21:21:37 -0000", "Mon, 30 Nov 2026 21:21:37 +0000"} {
		got, err := parseDate(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := parseDate("Bad Date"); err == nil {
		t.Error("parseDate accepted garbage")
	}
}
