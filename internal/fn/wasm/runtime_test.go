package wasm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/fn/invoke"
)

const (
	indexerPkg   = "examples/functions/indexer"
	thumbnailPkg = "examples/functions/thumbnail"
	trivialPkg   = "examples/functions/trivial"
	testdataPkg  = "internal/fn/wasm/testdata/"
)

func invocation(fn string, payload []byte, lim invoke.Limits) invoke.Invocation {
	return invoke.Invocation{ID: "inv-1", Function: fn, Payload: payload, Limits: lim,
		Event: event.Event{ID: "ev-1", Name: event.ObjectCreatedPut, Bucket: "b", Key: "k"}}
}

func TestIndexer(t *testing.T) {
	code := guest(t, indexerPkg)
	r := newRuntime(t, Options{})
	h := newFakeHost()
	data := []byte("hello, index\n")
	h.put("docs", "data/a b.txt", data, "text/plain")

	res, err := r.Run(context.Background(), code,
		invocation("indexer", s3Event("docs", "data/a b.txt", int64(len(data)), "text/plain"), invoke.Limits{}), h)
	if err != nil {
		t.Fatalf("run: %v\nlog:\n%s", err, h.log())
	}
	if res.ExitCode != 0 || !res.Cold {
		t.Errorf("result %+v", res)
	}
	o, ok := h.get("docs", "index/data/a b.txt.json")
	if !ok {
		t.Fatalf("no index written; log:\n%s", h.log())
	}
	var got map[string]any
	if err := json.Unmarshal(o.data, &got); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want := map[string]any{"key": "data/a b.txt", "size": float64(len(data)), "content_type": "text/plain",
		"etag": "etag-1", "sha256": hex.EncodeToString(sum[:])}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if o.ctype != "application/json" {
		t.Errorf("content type %q", o.ctype)
	}
	if !strings.Contains(h.log(), "indexed data/a b.txt") {
		t.Errorf("log:\n%s", h.log())
	}
}

func TestHostErrors(t *testing.T) {
	code := guest(t, indexerPkg)
	r := newRuntime(t, Options{})

	// The object is missing: the guest sees ErrNotExist and fails.
	h := newFakeHost()
	_, err := r.Run(context.Background(), code, invocation("indexer", s3Event("docs", "data/x", 1, ""), invoke.Limits{}), h)
	if !errors.Is(err, invoke.ErrFailed) || !strings.Contains(h.log(), "does not exist") {
		t.Errorf("missing object: err %v, log:\n%s", err, h.log())
	}

	// Writes are not granted.
	h = newFakeHost()
	h.readOnly = true
	h.put("docs", "data/x", []byte("x"), "")
	_, err = r.Run(context.Background(), code, invocation("indexer", s3Event("docs", "data/x", 1, ""), invoke.Limits{}), h)
	if !errors.Is(err, invoke.ErrFailed) || !strings.Contains(h.log(), "permission denied") {
		t.Errorf("read-only: err %v, log:\n%s", err, h.log())
	}
}

func TestThumbnail(t *testing.T) {
	code := guest(t, thumbnailPkg)
	r := newRuntime(t, Options{})
	lim := invoke.Limits{MemoryMiB: 256}

	src := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := 0; y < 300; y++ {
		for x := 0; x < 400; x++ {
			src.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var pngData, jpgData bytes.Buffer
	if err := png.Encode(&pngData, src); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgData, src.SubImage(image.Rect(0, 0, 150, 300)), nil); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		key, ctype, format string
		data               []byte
		w, h               int
	}{
		{"in/sub/wide.png", "image/png", "png", pngData.Bytes(), 128, 96},
		{"in/tall.jpg", "", "jpeg", jpgData.Bytes(), 64, 128},
	} {
		t.Run(tc.format, func(t *testing.T) {
			h := newFakeHost()
			h.put("photos", tc.key, tc.data, tc.ctype)
			_, err := r.Run(context.Background(), code,
				invocation("thumbnail", s3Event("photos", tc.key, int64(len(tc.data)), tc.ctype), lim), h)
			if err != nil {
				t.Fatalf("run: %v\nlog:\n%s", err, h.log())
			}
			out, ok := h.get("photos", "thumbs/"+strings.TrimPrefix(tc.key, "in/"))
			if !ok {
				t.Fatalf("no thumbnail; log:\n%s", h.log())
			}
			img, format, err := image.Decode(bytes.NewReader(out.data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); format != tc.format || b.Dx() != tc.w || b.Dy() != tc.h {
				t.Errorf("got %s %dx%d, want %s %dx%d", format, b.Dx(), b.Dy(), tc.format, tc.w, tc.h)
			}
			if out.ctype != "image/"+tc.format {
				t.Errorf("content type %q", out.ctype)
			}
		})
	}

	t.Run("not an image", func(t *testing.T) {
		h := newFakeHost()
		h.put("photos", "in/notes.txt", []byte("text"), "text/plain")
		res, err := r.Run(context.Background(), code,
			invocation("thumbnail", s3Event("photos", "in/notes.txt", 4, "text/plain"), lim), h)
		if err != nil || res.ExitCode != 0 {
			t.Fatalf("exit %d, err %v", res.ExitCode, err)
		}
		if len(h.objs) != 1 || !strings.Contains(h.log(), "skip") {
			t.Errorf("objects %d, log:\n%s", len(h.objs), h.log())
		}
	})
}

func TestTimeLimit(t *testing.T) {
	r := newRuntime(t, Options{})
	for _, name := range []string{"loop", "sleep"} {
		t.Run(name, func(t *testing.T) {
			code := guest(t, testdataPkg+name)
			prepare(t, r, code, invoke.Limits{Timeout: 300 * time.Millisecond}) // compiling is not the run's time
			start := time.Now()
			res, err := r.Run(context.Background(), code,
				invocation(name, nil, invoke.Limits{Timeout: 300 * time.Millisecond}), newFakeHost())
			if !errors.Is(err, invoke.ErrTimeLimit) {
				t.Fatalf("err %v, want ErrTimeLimit", err)
			}
			if took := time.Since(start); took > 10*time.Second || res.Duration > 10*time.Second {
				t.Errorf("stopped after %v", took)
			}
		})
	}
}

func TestCanceled(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, testdataPkg+"loop")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := r.Run(ctx, code, invocation("loop", nil, invoke.Limits{}), newFakeHost())
	// The caller gave up: that is not the function's fault.
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, invoke.ErrTimeLimit) {
		t.Fatalf("err %v", err)
	}
}

func TestCloseStopsRuns(t *testing.T) {
	r, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	code := guest(t, testdataPkg+"loop")
	done := make(chan error, 1)
	go func() {
		_, err := r.Run(context.Background(), code, invocation("loop", nil, invoke.Limits{Timeout: time.Minute}), newFakeHost())
		done <- err
	}()
	time.Sleep(time.Second) // let it compile and start
	if err := r.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("err %v, want ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run not stopped by Close")
	}
	if _, err := r.Run(context.Background(), code, invocation("loop", nil, invoke.Limits{}), newFakeHost()); !errors.Is(err, ErrClosed) {
		t.Fatalf("run after close: %v", err)
	}
}

func TestMemoryLimit(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, testdataPkg+"alloc")
	h := newFakeHost()
	_, err := r.Run(context.Background(), code, invocation("alloc", nil, invoke.Limits{MemoryMiB: 32}), h)
	if !errors.Is(err, invoke.ErrMemoryLimit) {
		t.Fatalf("err %v, want ErrMemoryLimit; log:\n%s", err, h.log())
	}
	t.Logf("%v", err)
}

func TestExitFailure(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, testdataPkg+"exit1")
	h := newFakeHost()
	res, err := r.Run(context.Background(), code, invocation("exit1", nil, invoke.Limits{}), h)
	if !errors.Is(err, invoke.ErrFailed) || res.ExitCode != 1 {
		t.Fatalf("exit %d, err %v", res.ExitCode, err)
	}
	if !strings.Contains(err.Error(), "something went wrong") {
		t.Errorf("error lacks stderr detail: %v", err)
	}
	if string(res.Output) != "about to fail\n" {
		t.Errorf("output %q", res.Output)
	}
	if h.log() != "about to fail\nexit1: something went wrong" {
		t.Errorf("log %q", h.log())
	}
}

func TestLogLimit(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, testdataPkg+"exit1")
	h := newFakeHost()
	res, _ := r.Run(context.Background(), code, invocation("exit1", nil, invoke.Limits{LogBytes: 10}), h)
	if h.log() != truncMark {
		t.Errorf("log %q", h.log())
	}
	if string(res.Output) != "about to f"+truncMark {
		t.Errorf("output %q", res.Output)
	}
}

func TestInvalidModule(t *testing.T) {
	r := newRuntime(t, Options{})
	for name, mod := range map[string][]byte{
		"script":  []byte("#!/bin/sh\necho hi\n"),
		"garbage": []byte("\x00asm\x01\x00\x00\x00\xff\xff"),
		"empty":   nil,
	} {
		_, err := r.Run(context.Background(), invoke.Code{Module: mod}, invocation(name, nil, invoke.Limits{}), newFakeHost())
		if !errors.Is(err, ErrInvalidModule) || !errors.Is(err, invoke.ErrFailed) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

func TestSandbox(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, testdataPkg+"env")
	inv := invocation("envfn", []byte("payload!"), invoke.Limits{})
	inv.Env = map[string]string{"GREETING": "hi"}
	res, err := r.Run(context.Background(), code, inv, newFakeHost())
	if err != nil {
		t.Fatal(err)
	}
	want := "args [envfn]\nSTRATA_FUNCTION=envfn\nSTRATA_INVOCATION=inv-1\nSTRATA_EVENT_ID=ev-1\n" +
		"STRATA_BUCKET=b\nSTRATA_KEY=k\nGREETING=hi\nstdin=payload!\nfs-error true\n"
	if string(res.Output) != want {
		t.Errorf("output:\n%s\nwant:\n%s", res.Output, want)
	}
}

func TestWarmStart(t *testing.T) {
	r := newRuntime(t, Options{CacheDir: t.TempDir()})
	code := guest(t, trivialPkg)
	run := func(lim invoke.Limits) invoke.Result {
		t.Helper()
		res, err := r.Run(context.Background(), code, invocation("trivial", []byte("x"), lim), newFakeHost())
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first, second := run(invoke.Limits{}), run(invoke.Limits{})
	if !first.Cold || second.Cold {
		t.Fatalf("cold: first %v, second %v", first.Cold, second.Cold)
	}
	// Another memory limit is another compiled module (engine code is shared).
	if !run(invoke.Limits{MemoryMiB: 64}).Cold || run(invoke.Limits{MemoryMiB: 64}).Cold {
		t.Fatal("cold flags wrong for a second memory limit")
	}
	t.Logf("cold %v, warm %v", first.Duration, second.Duration)
}

func TestConcurrent(t *testing.T) {
	r := newRuntime(t, Options{})
	code := guest(t, trivialPkg)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Go(func() {
			h := newFakeHost()
			_, err := r.Run(context.Background(), code, invocation("trivial", []byte("abc"), invoke.Limits{}), h)
			if err == nil && h.log() != "trivial: 3 bytes of input" {
				err = errors.New("log " + h.log())
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
