package conscience

import (
	"errors"
	"math"
	"testing"

	"github.com/strata-storage/strata/internal/strata"
)

func TestFormulaEval(t *testing.T) {
	vars := map[string]float64{"cpu": 50, "io": 50, "space": 50, "load_1": 2}
	for _, tc := range []struct {
		src  string
		want float64
	}{
		{DefaultFormula, 50},
		{"1 + 2 * 3", 7},
		{"(1 + 2) * 3", 9},
		{"10 - 4 - 3", 3}, // left-associative
		{"12 / 3 / 2", 2},
		{"-2 ^ 2", -4}, // power binds tighter than unary minus
		{"2 ^ 3 ^ 2", 512},
		{"2 ^ -1", 0.5},
		{"--3", 3},
		{"+3", 3},
		{"1e2 + .5 + 2.", 102.5},
		{"1E-1 * 10", 1},
		{"min(cpu, io, 10)", 10},
		{"max(1)", 1},
		{"clamp(space * 2, 0, 100)", 100},
		{"clamp(-5, 0, 100)", 0},
		{"(cpu + io) / 2", 50},
		{"sqrt(16) + abs(-3)", 7},
		{"log(1)", 0},
		{"root(2, 81)", 9},
		{"root(3, -8)", -2},
		{"100 - load_1 * 10", 80},
		{"\tcpu\n*\r2", 100},
	} {
		f, err := ParseFormula(tc.src)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		got, err := f.Eval(vars)
		if err != nil || math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%q = %v (err %v), want %v", tc.src, got, err, tc.want)
		}
		if f.String() != tc.src {
			t.Errorf("String() = %q", f.String())
		}
	}
}

func TestFormulaErrors(t *testing.T) {
	for _, tc := range []struct {
		src string
		pos int
	}{
		{"", 0},
		{"1 +", 3},
		{"foo(1)", 0},
		{"root(1)", 0},
		{"clamp(1, 2)", 0},
		{"min()", 4},
		{"(1", 2},
		{"1 $ 2", 2},
		{"cpu cpu", 4},
		{"1e", 0},
		{"1e+", 0},
		{"..5", 0},
		{"cpu * ()", 7},
		{"max(1,)", 6},
		{"\xc3\xa9t\xc3\xa9", 0}, // ASCII names only
		{"1e999", 0},             // out of range
	} {
		_, err := ParseFormula(tc.src)
		var fe *FormulaError
		if !strata.Is(err, strata.Invalid) || !errors.As(err, &fe) {
			t.Errorf("%q: want Invalid with a FormulaError, got %v", tc.src, err)
			continue
		}
		if fe.Pos != tc.pos {
			t.Errorf("%q: error at %d, want %d (%v)", tc.src, fe.Pos, tc.pos, err)
		}
	}
	deep := ""
	for range 1000 {
		deep += "("
	}
	if _, err := ParseFormula(deep + "1"); !strata.Is(err, strata.Invalid) {
		t.Errorf("deep nesting: %v", err)
	}
}

func TestFormulaScore(t *testing.T) {
	for _, tc := range []struct {
		src   string
		stats strata.Stats
		want  int
	}{
		{DefaultFormula, strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: 100}, 100},
		{DefaultFormula, strata.Stats{CPUIdle: 100, IOIdle: 0, SpaceFree: 100}, 0},
		{DefaultFormula, strata.Stats{CPUIdle: 8, IOIdle: 100, SpaceFree: 100}, 43},
		{"cpu * 10", strata.Stats{CPUIdle: 50}, 100}, // clamped high
		{"cpu - 10", strata.Stats{CPUIdle: 5}, 0},    // clamped low
		{"0 / 0", strata.Stats{}, 0},                 // NaN
		{"1 / 0", strata.Stats{}, 100},               // +Inf
		{"root(2, -1)", strata.Stats{}, 0},           // NaN
		{"nosuch + 1", strata.Stats{}, 0},            // unknown metric
		{"gpu", strata.Stats{Extra: map[string]float64{"gpu": 42.4}}, 42},
		{"cpu", strata.Stats{CPUIdle: 7, Extra: map[string]float64{"cpu": 99}}, 7},
	} {
		f, err := ParseFormula(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Score(tc.stats); got != tc.want {
			t.Errorf("%q on %+v = %d, want %d", tc.src, tc.stats, got, tc.want)
		}
	}
}

func FuzzParseFormula(f *testing.F) {
	for _, s := range []string{DefaultFormula, "1+2*3", "min(cpu,io)", "-(-(1))^2", "clamp(x,0,1)", "1e-3", "root(2, -1)"} {
		f.Add(s)
	}
	stats := strata.Stats{CPUIdle: 10, IOIdle: 20, SpaceFree: 30, Extra: map[string]float64{"x": 0.5}}
	f.Fuzz(func(t *testing.T, src string) {
		fm, err := ParseFormula(src)
		if err != nil {
			if !strata.Is(err, strata.Invalid) {
				t.Fatalf("%q: error of kind %v", src, strata.KindOf(err))
			}
			var fe *FormulaError
			if !errors.As(err, &fe) || fe.Pos < 0 || fe.Pos > len(src) {
				t.Fatalf("%q: bad error position in %v", src, err)
			}
			return
		}
		if s := fm.Score(stats); s < 0 || s > 100 {
			t.Fatalf("%q: score %d out of range", src, s)
		}
	})
}
