package pebble

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/strata-storage/strata/internal/meta"
)

// BenchmarkUpdateReadsParallel is a PUT's shape on a store larger than
// its block cache: each transaction makes point reads of random existing
// keys (table blocks read and decoded, as in a deep LSM) and writes one
// new key. With the reads outside the commit lock, 16 such transactions
// overlap; under one lock they queue.
//
//	go test -run - -bench UpdateReadsParallel -benchtime 20000x ./internal/meta/pebble/
func BenchmarkUpdateReadsParallel(b *testing.B) {
	const keys, reads = 200_000, 4
	e, err := Open(b.TempDir(), Options{CacheSize: 8 << 20})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	val := make([]byte, 1024)
	for i := 0; i < keys; i += 5000 {
		err := e.Update(ctx, func(tx meta.Txn) error {
			for j := i; j < i+5000; j++ {
				tx.Set(fmt.Appendf(nil, "k%08d", j), val)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	e.db.Flush()
	var n atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := n.Add(1)
			err := e.Update(ctx, func(tx meta.Txn) error {
				for range reads {
					if _, err := tx.Get(fmt.Appendf(nil, "k%08d", rand.IntN(keys))); err != nil {
						return err
					}
				}
				return tx.Set(fmt.Appendf(nil, "n%08d", id), val)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
