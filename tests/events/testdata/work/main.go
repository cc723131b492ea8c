// Command work stands for a function that takes a while: it waits 50 ms,
// then records the event id it ran for under done/<key>.
package main

import (
	"os"
	"strings"
	"time"

	"github.com/strata-storage/strata/sdk/fn"
)

func main() {
	ev, err := fn.ReadEvent()
	if err != nil {
		fn.Log("work: %v", err)
		os.Exit(1)
	}
	time.Sleep(50 * time.Millisecond)
	key := "done/" + strings.TrimPrefix(ev.Key, "in/")
	if err := fn.WriteObject(ev.Bucket, key, []byte(ev.ID), "text/plain"); err != nil {
		fn.Log("work: %v", err)
		os.Exit(1)
	}
}
