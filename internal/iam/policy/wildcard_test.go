package policy

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestMatchWildcard(t *testing.T) {
	for _, c := range []struct {
		p, s string
		fold bool
		want bool
	}{
		{"", "", false, true},
		{"", "a", false, false},
		{"*", "", false, true},
		{"*", "anything/at:all", false, true},
		{"?", "", false, false},
		{"?", "a", false, true},
		{"?", "é", false, true}, // one character, two bytes
		{"??", "é", false, false},
		{"a*b", "ab", false, true},
		{"a*b", "axxxb", false, true},
		{"a*b", "axxxbc", false, false},
		{"a*b*c", "abbbcbc", false, true},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"**a**", "xa", false, true},
		{"s3:Get*", "s3:getobject", true, true},
		{"s3:Get*", "s3:getobject", false, false},
		{"S3:GETOBJECT", "s3:GetObject", true, true},
		{"ÉTÉ", "été", true, true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", false, true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false, false},
		{"arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-2/x", false, true},
		{"\xff", "\xfe", true, false}, // two invalid bytes never fold together
		{"\xff", "\xff", true, true},
	} {
		if got := MatchWildcard(c.p, c.s, c.fold); got != c.want {
			t.Errorf("MatchWildcard(%q, %q, %v) = %v, want %v", c.p, c.s, c.fold, got, c.want)
		}
	}
}

// The classic exponential case for backtracking matchers finishes at once.
func TestMatchWildcardPathological(t *testing.T) {
	p := strings.Repeat("*a", 50) + "b"
	s := strings.Repeat("a", 5000)
	if MatchWildcard(p, s, false) {
		t.Fatal("matched")
	}
	if !MatchWildcard(p, s+"b", false) {
		t.Fatal("did not match")
	}
}

// Property: MatchWildcard agrees with the regexp the glob stands for.
func TestMatchWildcardAgreesWithRegexp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gen := func(alpha string, n int) string {
		b := make([]byte, r.IntN(n))
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		return string(b)
	}
	for range 5000 {
		p := gen("aAb*?", 8)
		s := gen("aAb", 10)
		fold := r.IntN(2) == 0
		re := "(?s)^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(p)) + "$"
		if fold {
			re = "(?i)" + re
		}
		want := regexp.MustCompile(re).MatchString(s)
		if got := MatchWildcard(p, s, fold); got != want {
			t.Fatalf("MatchWildcard(%q, %q, %v) = %v, regexp says %v", p, s, fold, got, want)
		}
	}
}

func TestMatchLiteralMask(t *testing.T) {
	s, lit, ok := expand("home/${aws:username}/${*}x", map[string][]string{"aws:username": {"a*?"}})
	if !ok || s != "home/a*?/*x" {
		t.Fatalf("expand = %q %v", s, ok)
	}
	if !match(s, lit, "home/a*?/*x", false) {
		t.Error("literal text does not match itself")
	}
	for _, other := range []string{"home/abc/*x", "home/a*?/yx", "home/aXY/*x"} {
		if match(s, lit, other, false) {
			t.Errorf("variable text acted as a wildcard on %q", other)
		}
	}
}

// Property: with Unicode and case folding, the fast literal-head path and
// the general loop agree.
func TestMatchWildcardFastPathAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alpha := []string{"a", "K", "k", "\u212a", "ſ", "s", "S", "é", "É", "*", "?", "\xff"}
	gen := func(n int, wild bool) string {
		var b strings.Builder
		for range r.IntN(n) {
			c := alpha[r.IntN(len(alpha))]
			if !wild && (c == "*" || c == "?") {
				continue
			}
			b.WriteString(c)
		}
		return b.String()
	}
	for range 20000 {
		p, s, fold := gen(6, true), gen(8, false), r.IntN(2) == 0
		if got, want := match(p, nil, s, fold), matchLoop(p, nil, s, fold); got != want {
			t.Fatalf("match(%q, %q, %v) = %v, matchLoop says %v", p, s, fold, got, want)
		}
	}
}

// refMatch is the textbook dynamic program over characters: slow, obvious,
// and the oracle for the fuzz target.
func refMatch(p, s string, fold bool) bool {
	chars := func(x string) []string {
		var out []string
		for len(x) > 0 {
			n := runeLen(x)
			out = append(out, x[:n])
			x = x[n:]
		}
		return out
	}
	pc, sc := chars(p), chars(s)
	// ok[j] = pattern prefix so far matches s prefix of length j.
	ok := make([]bool, len(sc)+1)
	ok[0] = true
	for _, c := range pc {
		next := make([]bool, len(sc)+1)
		for j := 0; j <= len(sc); j++ {
			switch c {
			case "*":
				next[j] = ok[j] || (j > 0 && next[j-1])
			case "?":
				next[j] = j > 0 && ok[j-1]
			default:
				next[j] = j > 0 && ok[j-1] && charEq(c, sc[j-1], fold)
			}
		}
		ok = next
	}
	return ok[len(sc)]
}

func FuzzMatchWildcard(f *testing.F) {
	f.Add("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", false)
	f.Add("s3:Get*", "S3:GETOBJECT", true)
	f.Add("*a*?b*", "xxaybzb", false)
	f.Add("\u212a*", "k", true)
	f.Fuzz(func(t *testing.T, p, s string, fold bool) {
		if len(p) > 64 || len(s) > 256 {
			return
		}
		if got, want := MatchWildcard(p, s, fold), refMatch(p, s, fold); got != want {
			t.Fatalf("MatchWildcard(%q, %q, %v) = %v, reference says %v", p, s, fold, got, want)
		}
	})
}
