package smb

import (
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/vfs"
)

func TestValidate(t *testing.T) {
	ok := func() Config {
		c := DefaultConfig()
		c.Addr, c.State = "127.0.0.1:10445", "/tmp/s"
		c.Users = []User{{"AKIAEXAMPLE", "secret"}}
		c.Mount = func(string, *vfs.FS) (Mount, error) { return nil, nil }
		return c
	}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		bad  bool
	}{
		{"ok", func(*Config) {}, false},
		{"host name", func(c *Config) { c.Addr = "localhost:445" }, true},
		{"no port", func(c *Config) { c.Addr = "127.0.0.1" }, true},
		{"relative state", func(c *Config) { c.State = "state" }, true},
		{"no users", func(c *Config) { c.Users = nil }, true},
		{"no mounter", func(c *Config) { c.Mount = nil }, true},
		{"key not a unix name", func(c *Config) { c.Users[0].AccessKey = "A/B" }, true},
		{"root", func(c *Config) { c.Users[0].AccessKey = "ROOT" }, true},
		{"same key twice in two cases", func(c *Config) { c.Users = append(c.Users, User{"akiaexample", "x"}) }, true},
		{"secret with newline", func(c *Config) { c.Users[0].SecretKey = "a\nb" }, true},
		{"bad bucket", func(c *Config) { c.Buckets = []string{"Bad_Bucket"} }, true},
		{"bucket", func(c *Config) { c.Buckets = []string{"photos.2024"} }, false},
		{"encrypt", func(c *Config) { c.Encrypt = "maybe" }, true},
		{"signing", func(c *Config) { c.Signing = "required" }, true},
	} {
		c := ok()
		tc.edit(&c)
		if err := c.Validate(); (err != nil) != tc.bad {
			t.Errorf("%s: Validate() = %v, want error %v", tc.name, err, tc.bad)
		}
	}
}

func TestParseCredentials(t *testing.T) {
	in := "# keys\n\nAK1:secret:with:colons\n  AK2:s2  \n"
	users, err := ParseCredentials(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []User{{"AK1", "secret:with:colons"}, {"AK2", "s2"}}
	if len(users) != len(want) || users[0] != want[0] || users[1] != want[1] {
		t.Fatalf("ParseCredentials = %v, want %v", users, want)
	}
	for _, bad := range []string{"AK1\n", ":secret\n", "AK1:\n"} {
		if _, err := ParseCredentials(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseCredentials(%q) accepted", bad)
		}
	}
}

// FuzzParseCredentials: any input parses or fails cleanly, and what
// parses comes back the same when written out again.
func FuzzParseCredentials(f *testing.F) {
	f.Add("AK:SK\n")
	f.Add("# c\n\nA:b:c\n")
	f.Fuzz(func(t *testing.T, in string) {
		users, err := ParseCredentials(strings.NewReader(in))
		if err != nil {
			return
		}
		var b strings.Builder
		for _, u := range users {
			if u.AccessKey == "" || u.SecretKey == "" || strings.ContainsAny(u.AccessKey+u.SecretKey, "\n") {
				t.Fatalf("parsed an unusable user %q", u)
			}
			b.WriteString(u.AccessKey + ":" + u.SecretKey + "\n")
		}
		again, err := ParseCredentials(strings.NewReader(b.String()))
		if err != nil || len(again) != len(users) {
			t.Fatalf("round trip: %v, %d users, want %d", err, len(again), len(users))
		}
		for i := range users {
			if again[i] != users[i] {
				t.Fatalf("round trip: %q became %q", users[i], again[i])
			}
		}
	})
}

func TestSmbConf(t *testing.T) {
	p := confParams{layout: layout{"/st"}, Addr: "127.0.0.1:10445", Encrypt: "desired", Signing: "mandatory",
		Shares: map[string][]string{"photos": {"AK2", "AK1"}, "docs": {"AK1"}}}
	conf := smbConf(p)
	for _, want := range []string{
		"\tsmb ports = 10445\n", "\tinterfaces = 127.0.0.1\n", "\tbind interfaces only = yes\n",
		"\tprivate dir = /st/samba/private\n", "\tpassdb backend = tdbsam:/st/samba/private/passdb.tdb\n",
		"\tserver smb encrypt = desired\n", "\tserver signing = mandatory\n", "\tserver min protocol = SMB2_10\n",
		"[photos]\n\tpath = /st/mnt/%U/photos\n", "\tvalid users = AK1 AK2\n", "\tforce user = root\n", "\twide links = no\n",
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("smb.conf lacks %q:\n%s", want, conf)
		}
	}
	if strings.Index(conf, "[docs]") > strings.Index(conf, "[photos]") {
		t.Errorf("shares are not in name order")
	}
	p.Addr = "0.0.0.0:445"
	if conf := smbConf(p); strings.Contains(conf, "interfaces") {
		t.Errorf("a wildcard address must not bind interfaces:\n%s", conf)
	}
}
