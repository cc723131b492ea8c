package s3

import (
	"encoding/xml"
	"testing"

	"github.com/strata-storage/strata/internal/object"
)

// FuzzObjectLockXML feeds the Object Lock parsers any body: none may
// panic, whatever they accept is valid, and an accepted configuration
// written back the way GET answers parses to itself.
func FuzzObjectLockXML(f *testing.F) {
	f.Add([]byte(`<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>`))
	f.Add([]byte(`<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`))
	f.Add([]byte(`<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>2030-01-01T00:00:00.000Z</RetainUntilDate></Retention>`))
	f.Add([]byte(`<Retention/>`))
	f.Add([]byte(`<LegalHold><Status>ON</Status></LegalHold>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		if cfg, err := parseLockConfig(doc); err == nil {
			if cfg.Mode != "" && (!validMode(cfg.Mode) || (cfg.Days > 0) == (cfg.Years > 0) || cfg.Days < 0 || cfg.Years < 0) {
				t.Fatalf("accepted bad config %+v", cfg)
			}
			out := objectLockConfiguration{ObjectLockEnabled: "Enabled"}
			if cfg.Mode != "" {
				d := &defaultRetention{Mode: cfg.Mode}
				if cfg.Days > 0 {
					d.Days = &cfg.Days
				} else {
					d.Years = &cfg.Years
				}
				out.Rule = &lockRule{DefaultRetention: d}
			}
			b, _ := xml.Marshal(out)
			if again, err := parseLockConfig(b); err != nil || again != cfg {
				t.Fatalf("round trip %+v -> %s -> %+v %v", cfg, b, again, err)
			}
		}
		if mode, until, err := parseRetention(doc); err == nil {
			if (mode != "" && !validMode(mode)) || (mode == "" && !until.IsZero()) {
				t.Fatalf("accepted bad retention %q %v", mode, until)
			}
		}
		if s, err := parseLegalHold(doc); err == nil && s != object.HoldOn && s != object.HoldOff {
			t.Fatalf("accepted legal hold %q", s)
		}
	})
}
