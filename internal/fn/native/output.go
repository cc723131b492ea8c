//go:build linux

package native

import (
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// expandCommand substitutes {bucket} and {key} in every argument.
func expandCommand(args []string, bucket, key string) []string {
	r := strings.NewReplacer("{bucket}", bucket, "{key}", key)
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = r.Replace(a)
	}
	return out
}

// expandOutputKey fills an output key template: {key} is the whole key,
// {base} its last element, {dir} its directory without a trailing slash
// ("" for a key at the top level).
func expandOutputKey(tmpl, key string) string {
	dir := path.Dir(key)
	if dir == "." || dir == "/" {
		dir = ""
	}
	return strings.NewReplacer("{key}", key, "{base}", path.Base(key), "{dir}", dir).Replace(tmpl)
}

var (
	errOutputTooLarge = errors.New("output too large")
	errProgramFailed  = errors.New("program failed")
)

// outputReader is the program's stdout as the host sees it. It fails
// once more than max bytes arrive, and holds back EOF until the program
// has exited: a program that fails after writing must not leave a
// truncated object behind, so EOF becomes an error unless the exit was
// clean.
type outputReader struct {
	r       io.Reader
	max     int64
	n       int64
	over    func() // called once when max is exceeded
	exited  <-chan struct{}
	exitErr *error // valid once exited is closed
}

func (o *outputReader) Read(p []byte) (int, error) {
	if o.n > o.max {
		return 0, errOutputTooLarge
	}
	n, err := o.r.Read(p)
	o.n += int64(n)
	if o.n > o.max {
		o.over()
		return 0, fmt.Errorf("%w: more than %d bytes", errOutputTooLarge, o.max)
	}
	if err == io.EOF {
		<-o.exited
		if *o.exitErr != nil {
			return n, fmt.Errorf("%w: %w", errProgramFailed, *o.exitErr)
		}
	}
	return n, err
}
