package conscience

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// BenchmarkSelect3 is one placement of three copies on a gateway that
// knows nodes × 12 volumes: the conscience's cost per PUT.
func BenchmarkSelect3(b *testing.B) {
	for _, nodes := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("nodes=%d", nodes), func(b *testing.B) {
			l, err := NewLocal(Config{Expiry: time.Hour}) // registering 12,000 may outlast the default on a loaded machine
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for i := range nodes {
				for v := range 12 {
					l.Register(ctx, strata.Service{ID: fmt.Sprintf("n%04d-v%02d", i, v), Type: strata.ServiceBlob,
						Location: strata.Location(fmt.Sprintf("dc%d.r%02d.h%04d.v%02d", i%3, i%40, i, v)),
						Stats:    strata.Stats{CPUIdle: 100, IOIdle: 100, SpaceFree: float64(1 + (i*12+v)%99)}})
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := l.Select(ctx, strata.ServiceBlob, 3, SelectOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
