package conscience

import (
	"fmt"
	"math"
)

// node is one element of a parsed formula.
type node interface {
	eval(vars map[string]float64) (float64, error)
}

type (
	num      float64
	variable string
	negate   struct{ x node }
	binary   struct {
		op   byte
		l, r node
	}
	call struct {
		name string
		fn   func([]float64) float64
		args []node
	}
)

func (n num) eval(map[string]float64) (float64, error) { return float64(n), nil }

func (n variable) eval(vars map[string]float64) (float64, error) {
	x, ok := vars[string(n)]
	if !ok {
		return 0, fmt.Errorf("unknown metric %q", string(n))
	}
	return x, nil
}

func (n negate) eval(vars map[string]float64) (float64, error) {
	x, err := n.x.eval(vars)
	return -x, err
}

// eval follows IEEE 754: division by zero gives ±Inf or NaN rather than an
// error, and Score turns those into 100 or 0.
func (n binary) eval(vars map[string]float64) (float64, error) {
	l, err := n.l.eval(vars)
	if err != nil {
		return 0, err
	}
	r, err := n.r.eval(vars)
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
	}
	return math.Pow(l, r), nil
}

func (n call) eval(vars map[string]float64) (float64, error) {
	a := make([]float64, len(n.args))
	for i, x := range n.args {
		v, err := x.eval(vars)
		if err != nil {
			return 0, err
		}
		a[i] = v
	}
	return n.fn(a), nil
}

// function is a built-in; max 0 means any number of arguments from min.
type function struct {
	min, max int
	eval     func([]float64) float64
}

func (f function) arity() string {
	s := fmt.Sprintf("%d argument", f.min)
	if f.min != 1 {
		s += "s"
	}
	if f.max == 0 {
		return "at least " + s
	}
	return s
}

var functions = map[string]function{
	"root":  {2, 2, func(a []float64) float64 { return root(a[0], a[1]) }},
	"sqrt":  {1, 1, func(a []float64) float64 { return math.Sqrt(a[0]) }},
	"log":   {1, 1, func(a []float64) float64 { return math.Log(a[0]) }},
	"abs":   {1, 1, func(a []float64) float64 { return math.Abs(a[0]) }},
	"min":   {1, 0, func(a []float64) float64 { return fold(a, math.Min) }},
	"max":   {1, 0, func(a []float64) float64 { return fold(a, math.Max) }},
	"clamp": {3, 3, func(a []float64) float64 { return math.Min(math.Max(a[0], a[1]), a[2]) }},
}

// root is the real n-th root of x. An odd integer root of a negative
// number is negative, as in mathematics; other roots of negatives are NaN
// (and so score 0) instead of silently meaning something else.
func root(n, x float64) float64 {
	if x < 0 && n == math.Trunc(n) && math.Mod(n, 2) != 0 {
		return -math.Pow(-x, 1/n)
	}
	return math.Pow(x, 1/n)
}

func fold(a []float64, f func(x, y float64) float64) float64 {
	m := a[0]
	for _, x := range a[1:] {
		m = f(m, x)
	}
	return m
}
