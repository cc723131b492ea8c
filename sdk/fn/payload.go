package fn

import (
	"io"
	"os"
	"sync"
)

// stdin can be read once; keep it so Payload and ReadEvent both work.
var payload = sync.OnceValues(func() ([]byte, error) {
	if !inside {
		return nil, ErrUnsupported
	}
	return io.ReadAll(os.Stdin)
})

// Payload returns the raw input: the event JSON for storage events, or
// the caller's body for direct invocations.
func Payload() ([]byte, error) { return payload() }
