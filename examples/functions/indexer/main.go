// Command indexer is a Strata function: for each object created, it
// writes "index/<key>.json" holding the object's key, size, content
// type, ETag and SHA-256.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/strata-storage/strata/sdk/fn"
)

const indexPrefix = "index/"

type entry struct {
	Key         string `json:"key"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
	ETag        string `json:"etag"`
	SHA256      string `json:"sha256"`
}

func main() {
	if err := run(); err != nil {
		fn.Log("indexer: %v", err)
		os.Exit(1)
	}
}

func run() error {
	evs, err := fn.ReadEvents()
	if err != nil {
		return err
	}
	for _, ev := range evs {
		if err := index(ev); err != nil {
			return fmt.Errorf("%s/%s: %w", ev.Bucket, ev.Key, err)
		}
	}
	return nil
}

func index(ev fn.Event) error {
	// Never index the index: a misconfigured trigger would loop.
	if !strings.HasPrefix(ev.Name, "ObjectCreated:") || strings.HasPrefix(ev.Key, indexPrefix) {
		fn.Log("skip %s %s", ev.Name, ev.Key)
		return nil
	}
	o, err := fn.OpenObject(ev.Bucket, ev.Key)
	if err != nil {
		return err
	}
	defer o.Close()
	// Stream the hash so large objects need no memory.
	h := sha256.New()
	n, err := io.Copy(h, o)
	if err != nil {
		return err
	}
	out, err := json.Marshal(entry{
		Key:         ev.Key,
		Size:        n,
		ContentType: ev.ContentType,
		ETag:        ev.ETag,
		SHA256:      hex.EncodeToString(h.Sum(nil)),
	})
	if err != nil {
		return err
	}
	key := indexPrefix + ev.Key + ".json"
	if err := fn.WriteObject(ev.Bucket, key, out, "application/json"); err != nil {
		return err
	}
	fn.Log("indexed %s (%d bytes)", ev.Key, n)
	return nil
}
