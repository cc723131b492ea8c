package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchWildcard reports whether s matches pattern, in which '*' matches any
// run of characters (also none) and '?' exactly one character. foldCase
// compares letters case-insensitively (actions); resources compare exactly.
//
// It runs in O(len(pattern)*len(s)) at worst: only the last '*' is ever
// backtracked to, which is enough for globs without character classes.
func MatchWildcard(pattern, s string, foldCase bool) bool {
	return match(pattern, nil, s, foldCase)
}

// match is MatchWildcard with a literal mask: when lit is not nil it has
// one entry per byte of p, and a '*' or '?' whose byte is marked is a plain
// character. Policy variables produce such characters: ${*} and the value
// of ${s3:prefix} must never act as wildcards.
func match(p string, lit []bool, s string, fold bool) bool {
	// Most patterns are a literal head and maybe one trailing '*'
	// ("arn:aws:s3:::bucket/*", "s3:Get*"): settle those with one
	// comparison of the head.
	if n := literalHead(p, lit); n > 0 {
		if fold && (!isASCII(p[:n]) || len(s) >= n && !isASCII(s[:n])) {
			// Folded non-ASCII may change byte lengths: go the slow way.
			return matchLoop(p, lit, s, fold)
		}
		if len(s) < n || !headEq(p[:n], s[:n], fold) {
			return false
		}
		if n == len(p) {
			return len(s) == n
		}
		if n+1 == len(p) && p[n] == '*' {
			return true
		}
		p, s = p[n:], s[n:]
		if lit != nil {
			lit = lit[n:]
		}
	}
	return matchLoop(p, lit, s, fold)
}

// literalHead returns the length of p before its first wildcard.
func literalHead(p string, lit []bool) int {
	if lit == nil {
		n := len(p)
		if i := strings.IndexByte(p, '*'); i >= 0 {
			n = i
		}
		if i := strings.IndexByte(p[:n], '?'); i >= 0 {
			n = i
		}
		return n
	}
	for i := 0; i < len(p); i++ {
		if (p[i] == '*' || p[i] == '?') && (lit == nil || !lit[i]) {
			return i
		}
	}
	return len(p)
}

// headEq compares two strings of equal byte length, folding ASCII case.
func headEq(a, b string, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// matchLoop is the general matcher: it walks p and s once, and on a
// mismatch lets the last '*' seen absorb one more character of s.
func matchLoop(p string, lit []bool, s string, fold bool) bool {
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(p) {
			pc, sc := p[pi], s[si]
			wild := lit == nil || !lit[pi]
			switch {
			case pc == '*' && wild:
				pi++
				if pi == len(p) {
					return true
				}
				starP, starS = pi, si
				continue
			case pc == '?' && wild:
				pi++
				si += runeLen(s[si:])
				continue
			case pc < utf8.RuneSelf && sc < utf8.RuneSelf:
				if pc == sc || fold && lowerASCII(pc) == lowerASCII(sc) {
					pi++
					si++
					continue
				}
			default:
				pn, sn := runeLen(p[pi:]), runeLen(s[si:])
				if charEq(p[pi:pi+pn], s[si:si+sn], fold) {
					pi += pn
					si += sn
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last star eat one more character and retry after it.
		starS += runeLen(s[starS:])
		pi, si = starP, starS
	}
	for pi < len(p) && p[pi] == '*' && (lit == nil || !lit[pi]) {
		pi++
	}
	return pi == len(p)
}

// runeLen is the byte length of the first character of a non-empty s; an
// invalid byte counts as one character.
func runeLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// charEq compares two single characters. Invalid UTF-8 compares by bytes
// only, so that two different invalid bytes never fold together.
func charEq(a, b string, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	if len(a) == 1 && len(b) == 1 {
		return lowerASCII(a[0]) == lowerASCII(b[0])
	}
	ra, na := utf8.DecodeRuneInString(a)
	rb, nb := utf8.DecodeRuneInString(b)
	if (ra == utf8.RuneError && na <= 1) || (rb == utf8.RuneError && nb <= 1) {
		return false
	}
	return unicode.ToLower(ra) == unicode.ToLower(rb) || unicode.ToUpper(ra) == unicode.ToUpper(rb)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
