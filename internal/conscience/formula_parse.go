package conscience

import (
	"fmt"
	"strconv"
)

// maxDepth bounds nesting (parentheses, calls, unary minus, powers) so
// that a hostile or mistyped formula cannot exhaust the stack.
const maxDepth = 100

// parser is a recursive-descent parser over the grammar
//
//	expr    = term { ("+" | "-") term }
//	term    = unary { ("*" | "/") unary }
//	unary   = ("-" | "+") unary | power
//	power   = primary [ "^" unary ]          (right-associative)
//	primary = number | name | name "(" expr { "," expr } ")" | "(" expr ")"
//
// so -2^2 is -(2^2) and 2^3^2 is 2^(3^2), as in mathematics.
type parser struct {
	lex   lexer
	tok   token
	depth int
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	p.tok = t
	return err
}

func (p *parser) errorf(format string, args ...any) error {
	return &FormulaError{Pos: p.tok.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) isOp(op string) bool { return p.tok.kind == tokOp && p.tok.text == op }

func (p *parser) expect(op string) error {
	if !p.isOp(op) {
		return p.errorf("want %q, got %s", op, p.tok.describe())
	}
	return p.advance()
}

func (t token) describe() string {
	if t.kind == tokEOF {
		return "end of formula"
	}
	return strconv.Quote(t.text)
}

func (p *parser) expr() (node, error) {
	return p.binaryLevel(p.term, "+", "-")
}

func (p *parser) term() (node, error) {
	return p.binaryLevel(p.unary, "*", "/")
}

// binaryLevel parses a left-associative chain of operand (op operand)*.
func (p *parser) binaryLevel(operand func() (node, error), ops ...string) (node, error) {
	n, err := operand()
	for err == nil && p.tok.kind == tokOp && (p.tok.text == ops[0] || p.tok.text == ops[1]) {
		op := p.tok.text[0]
		if err = p.advance(); err != nil {
			break
		}
		var r node
		if r, err = operand(); err == nil {
			n = binary{op: op, l: n, r: r}
		}
	}
	return n, err
}

func (p *parser) unary() (node, error) {
	if p.depth++; p.depth > maxDepth {
		return nil, p.errorf("formula nested deeper than %d", maxDepth)
	}
	defer func() { p.depth-- }()
	if p.isOp("-") || p.isOp("+") {
		neg := p.tok.text == "-"
		if err := p.advance(); err != nil {
			return nil, err
		}
		x, err := p.unary()
		if err != nil || !neg {
			return x, err
		}
		return negate{x}, nil
	}
	return p.power()
}

func (p *parser) power() (node, error) {
	base, err := p.primary()
	if err != nil || !p.isOp("^") {
		return base, err
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	exp, err := p.unary()
	if err != nil {
		return nil, err
	}
	return binary{op: '^', l: base, r: exp}, nil
}

func (p *parser) primary() (node, error) {
	t := p.tok
	switch {
	case t.kind == tokNum:
		v, err := strconv.ParseFloat(t.text, 64)
		if err != nil { // only out of range can get here: the lexer checked the form
			return nil, p.errorf("bad number %q", t.text)
		}
		return num(v), p.advance()
	case t.kind == tokIdent:
		if err := p.advance(); err != nil {
			return nil, err
		}
		if !p.isOp("(") {
			return variable(t.text), nil
		}
		return p.call(t)
	case p.isOp("("):
		if err := p.advance(); err != nil {
			return nil, err
		}
		n, err := p.expr()
		if err != nil {
			return nil, err
		}
		return n, p.expect(")")
	}
	return nil, p.errorf("unexpected %s", t.describe())
}

// call parses the arguments of the function named by fn; p.tok is "(".
func (p *parser) call(fn token) (node, error) {
	f, ok := functions[fn.text]
	if !ok {
		return nil, &FormulaError{Pos: fn.pos, Msg: fmt.Sprintf("unknown function %q", fn.text)}
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	var args []node
	for {
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		if !p.isOp(",") {
			break
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if len(args) < f.min || f.max > 0 && len(args) > f.max {
		return nil, &FormulaError{Pos: fn.pos, Msg: fmt.Sprintf("%s takes %s, got %d", fn.text, f.arity(), len(args))}
	}
	return call{name: fn.text, fn: f.eval, args: args}, nil
}
