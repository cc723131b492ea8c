// Command trivial is a Strata function that reads its input and logs
// one line. It does nothing else, so it measures invocation overhead.
package main

import (
	"os"

	"github.com/strata-storage/strata/sdk/fn"
)

func main() {
	p, err := fn.Payload()
	if err != nil {
		fn.Log("trivial: %v", err)
		os.Exit(1)
	}
	fn.Log("trivial: %d bytes of input", len(p))
}
