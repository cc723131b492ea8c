package conscience

import (
	"fmt"
	"math"

	"github.com/strata-storage/strata/internal/strata"
)

// Formula is a compiled score expression over named metrics. It is
// immutable and safe for concurrent use.
//
// The language has numbers (1, 2.5, 1e-3), metric names, + - * / ^ (power,
// right-associative, binding tighter than unary minus), parentheses and
// the functions root(n, x), sqrt(x), log(x) (natural), abs(x),
// min(x, ...), max(x, ...) and clamp(x, lo, hi). The metrics of a
// service are cpu, io and space (its Stats' CPUIdle, IOIdle and SpaceFree),
// free_gib (FreeBytes in GiB: absolute free space, for heterogeneous
// disks) plus every name in Stats.Extra.
type Formula struct {
	src  string
	root node
}

// FormulaError is the cause inside the strata.Invalid error that
// ParseFormula returns: where the formula went wrong and why.
type FormulaError struct {
	Pos int // byte offset in the formula
	Msg string
}

func (e *FormulaError) Error() string { return fmt.Sprintf("at offset %d: %s", e.Pos, e.Msg) }

// ParseFormula compiles a score formula. Errors have kind strata.Invalid
// and wrap a *FormulaError. Function names and arities are checked here;
// metric names can only be checked by Eval, since Stats.Extra is open.
func ParseFormula(src string) (*Formula, error) {
	p := &parser{lex: lexer{src: src}}
	n, err := p.parse()
	if err != nil {
		return nil, strata.E("conscience.ParseFormula", strata.Invalid, err)
	}
	return &Formula{src: src, root: n}, nil
}

func (p *parser) parse() (node, error) {
	if err := p.advance(); err != nil {
		return nil, err
	}
	n, err := p.expr()
	if err == nil && p.tok.kind != tokEOF {
		err = p.errorf("unexpected %s", p.tok.describe())
	}
	return n, err
}

// String returns the source of the formula.
func (f *Formula) String() string { return f.src }

// Eval evaluates the formula. The only error is a metric missing from
// vars; arithmetic follows IEEE 754, so the result may be ±Inf or NaN.
func (f *Formula) Eval(vars map[string]float64) (float64, error) {
	v, err := f.root.eval(vars)
	if err != nil {
		return 0, strata.E("conscience.Eval", strata.Invalid, err)
	}
	return v, nil
}

// Score evaluates the formula on a service's stats and rounds the result
// into 0..100. NaN and missing metrics give 0: a formula that cannot say
// how good a service is must not attract data to it.
func (f *Formula) Score(s strata.Stats) int {
	vars := make(map[string]float64, 4+len(s.Extra))
	for k, v := range s.Extra {
		vars[k] = v
	}
	// The named stats win over Extra entries of the same name.
	vars["cpu"], vars["io"], vars["space"] = s.CPUIdle, s.IOIdle, s.SpaceFree
	vars["free_gib"] = float64(s.FreeBytes) / (1 << 30)
	x, err := f.Eval(vars)
	if err != nil || math.IsNaN(x) {
		return 0
	}
	return int(math.Round(math.Min(100, math.Max(0, x))))
}
