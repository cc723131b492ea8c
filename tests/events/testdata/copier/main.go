// Command copier writes a copy of each object it is triggered on, under
// "copy-" + key in the same bucket: without the loop guard, each copy
// would trigger it again, forever.
package main

import (
	"os"

	"github.com/strata-storage/strata/sdk/fn"
)

func main() {
	ev, err := fn.ReadEvent()
	if err != nil {
		fn.Log("copier: %v", err)
		os.Exit(1)
	}
	b, err := fn.ReadObject(ev.Bucket, ev.Key)
	if err != nil {
		fn.Log("copier: read: %v", err)
		os.Exit(1)
	}
	if err := fn.WriteObject(ev.Bucket, "copy-"+ev.Key, b, "application/octet-stream"); err != nil {
		fn.Log("copier: write: %v", err)
		os.Exit(1)
	}
}
