package pebble

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/meta/metatest"
)

func TestConformance(t *testing.T) {
	metatest.Run(t, func(t *testing.T) meta.Engine {
		e, err := Open(t.TempDir(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return e
	})
}

// TestCrashKeepsAcknowledged kills a writer with SIGKILL and checks that
// every write it acknowledged is there after reopening.
func TestCrashKeepsAcknowledged(t *testing.T) {
	if dir := os.Getenv("STRATA_CRASH_CHILD"); dir != "" {
		crashChild(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=TestCrashKeepsAcknowledged$")
	cmd.Env = append(os.Environ(), "STRATA_CRASH_CHILD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	deadline := time.Now().Add(1500 * time.Millisecond)
	for sc.Scan() {
		if k, ok := strings.CutPrefix(sc.Text(), "ACK "); ok {
			acked = append(acked, k)
		}
		if time.Now().After(deadline) {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d writes acknowledged before the kill", len(acked))
	}
	e, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	e.View(context.Background(), func(r meta.Reader) error {
		for _, k := range acked {
			if _, err := r.Get([]byte(k)); err != nil {
				t.Errorf("acknowledged key %s lost: %v", k, err)
			}
		}
		return nil
	})
	t.Logf("%d acknowledged writes all survived SIGKILL", len(acked))
}

func crashChild(dir string) {
	e, err := Open(dir, Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				k := fmt.Sprintf("w%d-%06d", w, i)
				if err := e.Update(context.Background(), func(tx meta.Txn) error { return tx.Set([]byte(k), []byte("v")) }); err != nil {
					return
				}
				mu.Lock()
				fmt.Println("ACK " + k)
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
}

func BenchmarkUpdateParallel(b *testing.B) {
	e, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	var n int64
	var mu sync.Mutex
	b.SetParallelism(16)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			n++
			k := fmt.Sprintf("k%d", n)
			mu.Unlock()
			if err := e.Update(context.Background(), func(tx meta.Txn) error { return tx.Set([]byte(k), make([]byte, 4096)) }); err != nil {
				b.Fatal(err)
			}
		}
	})
}
