package website

import (
	"errors"
	"strings"
	"testing"
)

const ns = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`

func TestParseDocument(t *testing.T) {
	for _, tc := range []struct {
		name, doc, code, msg string // code "" = valid
	}{
		{"index", `<WebsiteConfiguration ` + ns + `><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>`, "", ""},
		{"index and error", `<WebsiteConfiguration><IndexDocument><Suffix>i.html</Suffix></IndexDocument><ErrorDocument><Key>e.html</Key></ErrorDocument></WebsiteConfiguration>`, "", ""},
		{"redirect all", `<WebsiteConfiguration><RedirectAllRequestsTo><HostName>example.com</HostName><Protocol>https</Protocol></RedirectAllRequestsTo></WebsiteConfiguration>`, "", ""},
		{"rules", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules>
			<RoutingRule><Condition><KeyPrefixEquals>a/</KeyPrefixEquals></Condition><Redirect><ReplaceKeyPrefixWith></ReplaceKeyPrefixWith></Redirect></RoutingRule>
			<RoutingRule><Condition><HttpErrorCodeReturnedEquals>404</HttpErrorCodeReturnedEquals></Condition><Redirect><HostName>h</HostName><HttpRedirectCode>307</HttpRedirectCode></Redirect></RoutingRule>
			<RoutingRule><Redirect><Protocol>https</Protocol></Redirect></RoutingRule>
			</RoutingRules></WebsiteConfiguration>`, "", ""},
		{"not xml", `<WebsiteConfiguration>`, "MalformedXML", ""},
		{"other root", `<CORSConfiguration/>`, "MalformedXML", ""},
		{"empty", `<WebsiteConfiguration/>`, "InvalidArgument", "A value for IndexDocument Suffix must be provided"},
		{"empty suffix", `<WebsiteConfiguration><IndexDocument><Suffix></Suffix></IndexDocument></WebsiteConfiguration>`, "InvalidArgument", "IndexDocument Suffix is not well formed"},
		{"slash suffix", `<WebsiteConfiguration><IndexDocument><Suffix>a/index.html</Suffix></IndexDocument></WebsiteConfiguration>`, "InvalidArgument", "IndexDocument Suffix is not well formed"},
		{"empty error key", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><ErrorDocument><Key/></ErrorDocument></WebsiteConfiguration>`, "InvalidArgument", "ErrorDocument Key"},
		{"redirect all and more", `<WebsiteConfiguration><RedirectAllRequestsTo><HostName>h</HostName></RedirectAllRequestsTo><IndexDocument><Suffix>i</Suffix></IndexDocument></WebsiteConfiguration>`, "InvalidArgument", "RedirectAllRequestsTo cannot be provided in conjunction"},
		{"redirect all no host", `<WebsiteConfiguration><RedirectAllRequestsTo><Protocol>http</Protocol></RedirectAllRequestsTo></WebsiteConfiguration>`, "InvalidArgument", "HostName"},
		{"redirect all bad protocol", `<WebsiteConfiguration><RedirectAllRequestsTo><HostName>h</HostName><Protocol>ftp</Protocol></RedirectAllRequestsTo></WebsiteConfiguration>`, "InvalidArgument", "Invalid protocol"},
		{"rule without redirect", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Condition><KeyPrefixEquals>a</KeyPrefixEquals></Condition></RoutingRule></RoutingRules></WebsiteConfiguration>`, "MalformedXML", ""},
		{"no rules", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules></RoutingRules></WebsiteConfiguration>`, "MalformedXML", ""},
		{"empty condition", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Condition></Condition><Redirect><HostName>h</HostName></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "Condition cannot be empty"},
		{"empty redirect", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Redirect></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "Redirect must contain"},
		{"both replacements", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Redirect><ReplaceKeyPrefixWith>a</ReplaceKeyPrefixWith><ReplaceKeyWith>b</ReplaceKeyWith></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "ReplaceKeyPrefix or ReplaceKey but not both"},
		{"redirect code 300", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Redirect><HttpRedirectCode>300</HttpRedirectCode></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "HTTP redirect code (300)"},
		{"redirect code 200", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Redirect><HttpRedirectCode>200</HttpRedirectCode></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "HTTP redirect code (200)"},
		{"error code 302", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Condition><HttpErrorCodeReturnedEquals>302</HttpErrorCodeReturnedEquals></Condition><Redirect><HostName>h</HostName></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "HTTP error code (302)"},
		{"rule bad protocol", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Redirect><Protocol>gopher</Protocol></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "Invalid protocol"},
		{"too many rules", `<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules>` +
			strings.Repeat(`<RoutingRule><Redirect><HostName>h</HostName></Redirect></RoutingRule>`, maxRules+1) + `</RoutingRules></WebsiteConfiguration>`, "InvalidArgument", "50 rules"},
	} {
		_, err := ParseDocument([]byte(tc.doc))
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Code != tc.code || !strings.Contains(ce.Message, tc.msg) {
			t.Errorf("%s: %v, want %s %q", tc.name, err, tc.code, tc.msg)
		}
	}
}

func TestRouting(t *testing.T) {
	doc, err := ParseDocument([]byte(`<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument><RoutingRules>
		<RoutingRule><Condition><KeyPrefixEquals>docs/</KeyPrefixEquals></Condition><Redirect><ReplaceKeyPrefixWith>documents/</ReplaceKeyPrefixWith></Redirect></RoutingRule>
		<RoutingRule><Condition><KeyPrefixEquals>img/</KeyPrefixEquals></Condition><Redirect><ReplaceKeyWith>no images.html</ReplaceKeyWith><HttpRedirectCode>302</HttpRedirectCode></Redirect></RoutingRule>
		<RoutingRule><Condition><KeyPrefixEquals>strip/</KeyPrefixEquals></Condition><Redirect><ReplaceKeyPrefixWith></ReplaceKeyPrefixWith></Redirect></RoutingRule>
		<RoutingRule><Condition><HttpErrorCodeReturnedEquals>404</HttpErrorCodeReturnedEquals></Condition><Redirect><HostName>other.example</HostName><Protocol>https</Protocol><ReplaceKeyPrefixWith>404/</ReplaceKeyPrefixWith></Redirect></RoutingRule>
		<RoutingRule><Condition><KeyPrefixEquals>x/</KeyPrefixEquals><HttpErrorCodeReturnedEquals>403</HttpErrorCodeReturnedEquals></Condition><Redirect><Protocol>https</Protocol></Redirect></RoutingRule>
		</RoutingRules></WebsiteConfiguration>`))
	if err != nil {
		t.Fatal(err)
	}
	virt := target{proto: "http", host: "b.site:8080", base: "/"}
	path := target{proto: "http", host: "127.0.0.1:8080", base: "/b/"}
	for _, tc := range []struct {
		key  string
		code int
		from target
		loc  string // "" = no rule
		st   int
	}{
		{"docs/a.html", 0, virt, "http://b.site:8080/documents/a.html", 301},
		{"docs/a.html", 0, path, "http://127.0.0.1:8080/b/documents/a.html", 301},
		{"img/1.png", 0, virt, "http://b.site:8080/no%20images.html", 302},
		{"strip/a/b", 0, virt, "http://b.site:8080/a/b", 301},
		{"other", 0, virt, "", 0},
		{"other", 404, virt, "https://other.example/404/other", 301},
		{"docs/a.html", 404, virt, "https://other.example/404/docs/a.html", 301},
		{"x/y", 403, virt, "https://b.site:8080/x/y", 301},
		{"z/y", 403, virt, "", 0},
		{"x/y", 500, virt, "", 0},
	} {
		r := doc.Match(tc.key, tc.code)
		if r == nil {
			if tc.loc != "" {
				t.Errorf("%s %d: no rule, want %s", tc.key, tc.code, tc.loc)
			}
			continue
		}
		loc, st := r.location(tc.key, tc.from)
		if loc != tc.loc || st != tc.st {
			t.Errorf("%s %d: %d %s, want %d %s", tc.key, tc.code, st, loc, tc.st, tc.loc)
		}
	}
}

// FuzzParseDocument: no input panics the parser, and whatever it accepts
// routes any key without panicking.
func FuzzParseDocument(f *testing.F) {
	f.Add([]byte(`<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument><ErrorDocument><Key>e</Key></ErrorDocument></WebsiteConfiguration>`), "a/b", 404)
	f.Add([]byte(`<WebsiteConfiguration><RedirectAllRequestsTo><HostName>h</HostName></RedirectAllRequestsTo></WebsiteConfiguration>`), "", 0)
	f.Add([]byte(`<WebsiteConfiguration><IndexDocument><Suffix>i</Suffix></IndexDocument><RoutingRules><RoutingRule><Condition><KeyPrefixEquals>a</KeyPrefixEquals><HttpErrorCodeReturnedEquals>404</HttpErrorCodeReturnedEquals></Condition><Redirect><ReplaceKeyPrefixWith>b</ReplaceKeyPrefixWith><HttpRedirectCode>302</HttpRedirectCode></Redirect></RoutingRule></RoutingRules></WebsiteConfiguration>`), "ab", 404)
	f.Fuzz(func(t *testing.T, doc []byte, key string, code int) {
		d, err := ParseDocument(doc)
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a ConfigError", err)
			}
			return
		}
		if d.RedirectAll == nil && (d.Index == nil || d.Index.Suffix == "" || strings.Contains(d.Index.Suffix, "/")) {
			t.Fatalf("accepted a document without a usable index: %s", doc)
		}
		for _, c := range []int{0, code} {
			if r := d.Match(key, c); r != nil {
				if _, st := r.location(key, target{proto: "http", host: "h", base: "/"}); st < 301 || st > 399 {
					t.Fatalf("redirect status %d", st)
				}
			}
		}
	})
}
