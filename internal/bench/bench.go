package bench

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Config describes one benchmark run.
type Config struct {
	Endpoint, AccessKey, SecretKey, Region string
	Bucket                                 string
	ObjectSize                             int64
	Concurrency                            int
	Duration                               time.Duration
	Objects                                int            // objects prepared for GET
	Ops                                    []string       // "put", "get", in order
	RootCAs                                *x509.CertPool // CA of an https endpoint; nil = system roots
	// Progress, if set, is called about once a second while an
	// operation runs, with what it has done so far.
	Progress func(Progress)
}

// Progress is a running operation's state, for a progress display.
type Progress struct {
	Op       string        `json:"op"`
	Ops      int64         `json:"ops"`
	Errors   int64         `json:"errors"`
	Elapsed  time.Duration `json:"elapsed_ns"`
	Duration time.Duration `json:"duration_ns"`
}

// Result is the outcome of one operation type.
type Result struct {
	Op            string
	Ops           int64
	Errors        int64
	Seconds       float64
	P50, P90, P99 time.Duration
	Size          int64
}

// OpsPerSec is the completed operation rate.
func (r Result) OpsPerSec() float64 { return float64(r.Ops) / r.Seconds }

// MiBPerSec is the payload throughput.
func (r Result) MiBPerSec() float64 { return r.OpsPerSec() * float64(r.Size) / (1 << 20) }

// Report is the outcome of a run.
type Report struct {
	Config  Config
	Results []Result
}

func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "size=%d concurrency=%d duration=%s endpoint=%s\n", r.Config.ObjectSize, r.Config.Concurrency, r.Config.Duration, r.Config.Endpoint)
	fmt.Fprintf(&b, "%-4s %10s %10s %10s %10s %10s %8s\n", "op", "ops/s", "MiB/s", "p50", "p90", "p99", "errors")
	for _, x := range r.Results {
		fmt.Fprintf(&b, "%-4s %10.1f %10.1f %10s %10s %10s %8d\n", x.Op, x.OpsPerSec(), x.MiBPerSec(),
			x.P50.Round(time.Microsecond), x.P90.Round(time.Microsecond), x.P99.Round(time.Microsecond), x.Errors)
	}
	return b.String()
}

// client builds an S3 client that reuses connections and sends plain
// signed requests (no default trailer checksums), as warp does.
func client(cfg Config, endpoint string) *s3.Client {
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute,
		DialContext: (&net.Dialer{Timeout: 10 * time.Second}).DialContext, DisableCompression: true,
		TLSClientConfig: &tls.Config{RootCAs: cfg.RootCAs}}
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint), Region: cfg.Region, UsePathStyle: true,
		Credentials:                credentials.NewStaticCredentialsProvider(cfg.AccessKey, cfg.SecretKey, ""),
		HTTPClient:                 &http.Client{Transport: tr},
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})
}

// Run executes the benchmark.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 16
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.Objects <= 0 {
		cfg.Objects = 100
	}
	// Several comma-separated endpoints (the gateways of a cluster) share
	// the load round-robin, request by request.
	var clients []*s3.Client
	for _, ep := range strings.Split(cfg.Endpoint, ",") {
		clients = append(clients, client(cfg, strings.TrimSpace(ep)))
	}
	pick := func(i int64) *s3.Client { return clients[int(i%int64(len(clients)))] }
	c := clients[0]
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &cfg.Bucket})
	var owned *types.BucketAlreadyOwnedByYou
	if err != nil && !errors.As(err, &owned) {
		return Report{}, fmt.Errorf("create bucket: %w", err)
	}
	payload := make([]byte, cfg.ObjectSize)
	rand.New(rand.NewSource(1)).Read(payload)
	rep := Report{Config: cfg}
	for _, op := range cfg.Ops {
		var res Result
		switch strings.TrimSpace(op) {
		case "put":
			res = measure(ctx, cfg, "PUT", func(i int64) error {
				_, err := pick(i).PutObject(ctx, &s3.PutObjectInput{Bucket: &cfg.Bucket, Key: aws.String(fmt.Sprintf("bench/put/%d", i)),
					Body: bytes.NewReader(payload), ContentLength: aws.Int64(cfg.ObjectSize)})
				return err
			})
		case "get":
			if err := prepare(ctx, pick, cfg, payload); err != nil {
				return rep, err
			}
			res = measure(ctx, cfg, "GET", func(i int64) error {
				out, err := pick(i).GetObject(ctx, &s3.GetObjectInput{Bucket: &cfg.Bucket, Key: aws.String(fmt.Sprintf("bench/get/%d", i%int64(cfg.Objects)))})
				if err != nil {
					return err
				}
				n, err := io.Copy(io.Discard, out.Body)
				out.Body.Close()
				if err == nil && n != cfg.ObjectSize {
					err = fmt.Errorf("short read: %d bytes", n)
				}
				return err
			})
		default:
			return rep, fmt.Errorf("unknown op %q", op)
		}
		res.Size = cfg.ObjectSize
		rep.Results = append(rep.Results, res)
	}
	return rep, nil
}

func prepare(ctx context.Context, pick func(int64) *s3.Client, cfg Config, payload []byte) error {
	var wg sync.WaitGroup
	errs := make(chan error, cfg.Objects)
	sem := make(chan struct{}, cfg.Concurrency)
	for i := 0; i < cfg.Objects; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			_, err := pick(int64(i)).PutObject(ctx, &s3.PutObjectInput{Bucket: &cfg.Bucket, Key: aws.String(fmt.Sprintf("bench/get/%d", i)),
				Body: bytes.NewReader(payload), ContentLength: aws.Int64(cfg.ObjectSize)})
			if err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// measure runs op from Concurrency workers for Duration.
func measure(ctx context.Context, cfg Config, name string, op func(i int64) error) Result {
	var seq, errs, done atomic.Int64
	lats := make([][]time.Duration, cfg.Concurrency)
	deadline := time.Now().Add(cfg.Duration)
	start := time.Now()
	if cfg.Progress != nil {
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					cfg.Progress(Progress{Op: name, Ops: done.Load(), Errors: errs.Load(), Elapsed: time.Since(start), Duration: cfg.Duration})
				}
			}
		}()
	}
	var wg sync.WaitGroup
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for time.Now().Before(deadline) && ctx.Err() == nil {
				i := seq.Add(1)
				t := time.Now()
				if err := op(i); err != nil {
					errs.Add(1)
					continue
				}
				lats[w] = append(lats[w], time.Since(t))
				done.Add(1)
			}
		}(w)
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	res := Result{Op: name, Ops: int64(len(all)), Errors: errs.Load(), Seconds: time.Since(start).Seconds()}
	if n := len(all); n > 0 {
		res.P50, res.P90, res.P99 = all[n*50/100], all[n*90/100], all[min(n-1, n*99/100)]
	}
	return res
}
