// Package fn is the SDK for Strata functions written in Go and compiled
// to WebAssembly (GOOS=wasip1 GOARCH=wasm). A function is a main
// package: it reads the triggering event from stdin, reads and writes
// objects through the host, and exits. A non-zero exit (or a panic)
// marks the invocation failed, and the agent may retry it.
//
// A complete function that copies every new object under "out/":
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/strata-storage/strata/sdk/fn"
//	)
//
//	func main() {
//		ev, err := fn.ReadEvent()
//		if err != nil {
//			fn.Log("event: %v", err)
//			os.Exit(1)
//		}
//		data, err := fn.ReadObject(ev.Bucket, ev.Key)
//		if err != nil {
//			fn.Log("read %s: %v", ev.Key, err)
//			os.Exit(1)
//		}
//		if err := fn.WriteObject(ev.Bucket, "out/"+ev.Key, data, ev.ContentType); err != nil {
//			fn.Log("write: %v", err)
//			os.Exit(1)
//		}
//	}
//
// Build it with:
//
//	GOOS=wasip1 GOARCH=wasm go build -o copy.wasm .
//
// Outside a Strata function (any other GOOS) the host calls return
// ErrUnsupported, so code that imports the SDK still builds and vets.
package fn
