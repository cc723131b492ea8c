package conscience

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/strata-storage/strata/internal/strata"
)

// Formula is a compiled score expression over named metrics: numbers,
// variables (cpu, io, space and any extra metric), + - * / ^, unary minus,
// parentheses and the functions root(n, x), sqrt, log, abs, min, max and
// clamp(x, lo, hi).
type Formula struct {
	src  string
	root node
}

type node interface {
	eval(vars map[string]float64) (float64, error)
}

type (
	num    float64
	ident  string
	unary  struct{ x node }
	binary struct {
		op   byte
		l, r node
	}
	call struct {
		fn   string
		args []node
	}
)

func (n num) eval(map[string]float64) (float64, error) { return float64(n), nil }

func (n ident) eval(v map[string]float64) (float64, error) {
	x, ok := v[string(n)]
	if !ok {
		return 0, fmt.Errorf("unknown metric %q", string(n))
	}
	return x, nil
}

func (n unary) eval(v map[string]float64) (float64, error) {
	x, err := n.x.eval(v)
	return -x, err
}

func (n binary) eval(v map[string]float64) (float64, error) {
	l, err := n.l.eval(v)
	if err != nil {
		return 0, err
	}
	r, err := n.r.eval(v)
	if err != nil {
		return 0, err
	}
	switch n.op {
	case '+':
		return l + r, nil
	case '-':
		return l - r, nil
	case '*':
		return l * r, nil
	case '/':
		return l / r, nil
	default:
		return math.Pow(l, r), nil
	}
}

var arity = map[string]int{"root": 2, "sqrt": 1, "log": 1, "abs": 1, "min": -2, "max": -2, "clamp": 3}

func (n call) eval(v map[string]float64) (float64, error) {
	a := make([]float64, len(n.args))
	for i, x := range n.args {
		var err error
		if a[i], err = x.eval(v); err != nil {
			return 0, err
		}
	}
	switch n.fn {
	case "root":
		if a[1] < 0 {
			return 0, nil
		}
		return math.Pow(a[1], 1/a[0]), nil
	case "sqrt":
		return math.Sqrt(a[0]), nil
	case "log":
		return math.Log(a[0]), nil
	case "abs":
		return math.Abs(a[0]), nil
	case "min", "max":
		m := a[0]
		for _, x := range a[1:] {
			if n.fn == "min" {
				m = math.Min(m, x)
			} else {
				m = math.Max(m, x)
			}
		}
		return m, nil
	default: // clamp
		return math.Min(math.Max(a[0], a[1]), a[2]), nil
	}
}

// ParseFormula compiles a score formula.
func ParseFormula(src string) (*Formula, error) {
	p := &parser{src: src}
	p.next()
	n := p.expr()
	if p.err == nil && p.tok != "" {
		p.fail("unexpected %q", p.tok)
	}
	if p.err != nil {
		return nil, strata.E("conscience.ParseFormula", strata.Invalid, p.err)
	}
	return &Formula{src: src, root: n}, nil
}

func (f *Formula) String() string { return f.src }

// Eval evaluates the formula.
func (f *Formula) Eval(vars map[string]float64) (float64, error) { return f.root.eval(vars) }

// Score evaluates the formula on a service's stats, clamped to 0..100.
func (f *Formula) Score(s strata.Stats) int {
	vars := map[string]float64{"cpu": s.CPUIdle, "io": s.IOIdle, "space": s.SpaceFree}
	for k, v := range s.Extra {
		vars[k] = v
	}
	x, err := f.Eval(vars)
	if err != nil || math.IsNaN(x) {
		return 0
	}
	return int(math.Round(math.Min(100, math.Max(0, x))))
}

type parser struct {
	src string
	pos int    // offset after tok
	tok string // current token; "" at end
	at  int    // offset of tok
	err error
}

func (p *parser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("at %d: %s", p.at, fmt.Sprintf(format, args...))
	}
}

func (p *parser) next() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' || p.pos < len(p.src) && p.src[p.pos] == '\t' {
		p.pos++
	}
	p.at = p.pos
	if p.pos >= len(p.src) {
		p.tok = ""
		return
	}
	c := rune(p.src[p.pos])
	end := p.pos + 1
	switch {
	case unicode.IsDigit(c) || c == '.':
		for end < len(p.src) && (unicode.IsDigit(rune(p.src[end])) || p.src[end] == '.' || p.src[end] == 'e') {
			end++
		}
	case unicode.IsLetter(c) || c == '_':
		for end < len(p.src) && (unicode.IsLetter(rune(p.src[end])) || unicode.IsDigit(rune(p.src[end])) || p.src[end] == '_') {
			end++
		}
	case strings.ContainsRune("+-*/^(),", c):
	default:
		p.fail("unexpected character %q", c)
	}
	p.tok, p.pos = p.src[p.at:end], end
}

func (p *parser) expr() node {
	n := p.term()
	for p.err == nil && (p.tok == "+" || p.tok == "-") {
		op := p.tok[0]
		p.next()
		n = binary{op, n, p.term()}
	}
	return n
}

func (p *parser) term() node {
	n := p.unary()
	for p.err == nil && (p.tok == "*" || p.tok == "/") {
		op := p.tok[0]
		p.next()
		n = binary{op, n, p.unary()}
	}
	return n
}

func (p *parser) power() node {
	n := p.primary()
	if p.err == nil && p.tok == "^" {
		p.next()
		return binary{'^', n, p.unary()} // right-associative; -2^2 is -(2^2)
	}
	return n
}

func (p *parser) unary() node {
	if p.tok == "-" {
		p.next()
		return unary{p.unary()}
	}
	return p.power()
}

func (p *parser) primary() node {
	tok := p.tok
	switch {
	case p.err != nil:
		return num(0)
	case tok == "":
		p.fail("unexpected end of formula")
		return num(0)
	case tok == "(":
		p.next()
		n := p.expr()
		p.expect(")")
		return n
	case unicode.IsDigit(rune(tok[0])) || tok[0] == '.':
		v, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			p.fail("bad number %q", tok)
		}
		p.next()
		return num(v)
	case unicode.IsLetter(rune(tok[0])) || tok[0] == '_':
		p.next()
		if p.tok != "(" {
			return ident(tok)
		}
		return p.call(tok)
	}
	p.fail("unexpected %q", tok)
	return num(0)
}

func (p *parser) call(fn string) node {
	want, ok := arity[fn]
	if !ok {
		p.fail("unknown function %q", fn)
	}
	p.next() // (
	var args []node
	for p.err == nil && p.tok != ")" {
		args = append(args, p.expr())
		if p.tok != "," {
			break
		}
		p.next()
	}
	p.expect(")")
	if (want > 0 && len(args) != want) || (want < 0 && len(args) < -want) {
		p.fail("%s takes %d arguments, got %d", fn, abs(want), len(args))
	}
	return call{fn, args}
}

func (p *parser) expect(tok string) {
	if p.tok != tok {
		p.fail("want %q, got %q", tok, p.tok)
		return
	}
	p.next()
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
