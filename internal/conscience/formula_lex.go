package conscience

import "fmt"

// tokKind is the class of a formula token.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokNum
	tokIdent
	tokOp // one of + - * / ^ ( ) ,
)

type token struct {
	kind tokKind
	text string
	pos  int // byte offset in the source, for error messages
}

// lexer splits a formula into tokens. It is ASCII-only on purpose: metric
// names come from Go identifiers and config files, and rejecting anything
// else keeps error positions byte-exact.
type lexer struct {
	src string
	pos int
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

// next returns the next token, or a *FormulaError at the offending byte.
func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t' || l.src[l.pos] == '\n' || l.src[l.pos] == '\r') {
		l.pos++
	}
	start := l.pos
	if start == len(l.src) {
		return token{kind: tokEOF, pos: start}, nil
	}
	c := l.src[start]
	switch {
	case isDigit(c) || c == '.':
		return l.number()
	case isLetter(c):
		for l.pos < len(l.src) && (isLetter(l.src[l.pos]) || isDigit(l.src[l.pos])) {
			l.pos++
		}
		return token{tokIdent, l.src[start:l.pos], start}, nil
	case c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == '(' || c == ')' || c == ',':
		l.pos++
		return token{tokOp, l.src[start:l.pos], start}, nil
	}
	return token{}, &FormulaError{Pos: start, Msg: fmt.Sprintf("unexpected character %q", c)}
}

// number scans digits [. digits] [e [+-] digits]. The exponent sign is
// part of the number, so "1e-3" is one token and not "1e" minus 3.
func (l *lexer) number() (token, error) {
	start := l.pos
	digits := l.digits()
	if l.pos < len(l.src) && l.src[l.pos] == '.' {
		l.pos++
		digits += l.digits()
	}
	if digits == 0 {
		return token{}, &FormulaError{Pos: start, Msg: "bad number"}
	}
	if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
		l.pos++
		if l.pos < len(l.src) && (l.src[l.pos] == '+' || l.src[l.pos] == '-') {
			l.pos++
		}
		if l.digits() == 0 {
			return token{}, &FormulaError{Pos: start, Msg: fmt.Sprintf("bad number %q", l.src[start:l.pos])}
		}
	}
	return token{tokNum, l.src[start:l.pos], start}, nil
}

func (l *lexer) digits() int {
	n := 0
	for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
		l.pos++
		n++
	}
	return n
}
