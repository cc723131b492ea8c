package server

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"time"

	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/iam"
	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/usage"
)

// nodeUsage is a gateway's usage accounting: its meter (spool and
// flusher) and, once the object service can measure buckets, the
// hourly stored sampler.
type nodeUsage struct {
	meter   *usage.Meter
	sampler *usage.Sampler
}

// startUsage opens the meter on DATA/usage and starts its flusher (which
// first replays what an earlier run spooled).
func (n *Node) startUsage(ctx, bg context.Context, dir *directory.Directory) error {
	cfg := usage.DefaultConfig()
	cfg.Dir, cfg.Logger = filepath.Join(n.cfg.DataDir, "usage"), n.log
	if n.cfg.UsageFlush > 0 {
		cfg.FlushEvery = n.cfg.UsageFlush
	}
	m, err := usage.Open(ctx, cfg, n.engine)
	if err != nil {
		return err
	}
	n.usage = &nodeUsage{meter: m}
	n.goLoop(func() { m.Run(bg) })
	if src := n.storedSource(); src != nil {
		n.usage.sampler = &usage.Sampler{Store: m.Store(), Buckets: dirBuckets{dir}, Source: src, Log: n.log}
		n.goLoop(func() { n.usage.sampler.Run(bg) })
	}
	return nil
}

// storedSource measures buckets for the stored samples.
func (n *Node) storedSource() usage.StoredSource { return objectUsage{n.Objects} }

// objectUsage adapts object.Service.BucketUsage to the sampler.
type objectUsage struct{ svc *object.Service }

func (o objectUsage) BucketUsage(ctx context.Context, bucket string) (usage.Stored, error) {
	u, err := o.svc.BucketUsage(ctx, bucket)
	return usage.Stored{Objects: u.Objects, LogicalBytes: u.LogicalBytes, RawBytes: u.RawBytes}, err
}

// usageSink is the S3 handler's sink: nil (not a nil *Meter) when off.
func (n *Node) usageSink() interface{ Count(usage.Request) } {
	if n.usage == nil {
		return nil
	}
	return n.usage.meter
}

// closeUsage flushes the spool; the S3 server has stopped by then.
func (n *Node) closeUsage() error {
	if n.usage == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return n.usage.meter.Close(ctx)
}

// dirBuckets lists every bucket through the directory.
type dirBuckets struct{ d *directory.Directory }

func (b dirBuckets) Buckets(ctx context.Context) ([]usage.Bucket, error) {
	var out []usage.Bucket
	for _, a := range b.d.Accounts(ctx) {
		cs, err := b.d.List(ctx, a)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out = append(out, usage.Bucket{Account: a, Name: c.Name})
		}
	}
	return out, nil
}

// usageRoutes serves usage at the native REST API's paths
// (usage.APIPath) until internal/restapi is on main and these become its
// routes, decided by IAM policies. Until then: the administrator reads
// every account's usage, an account's root its own account's (the
// account parameter is forced), and only the administrator flushes and
// samples.
//
//	GET  /usage?from=&to=&account=&bucket=        {"from","to","rows"}: traffic summed, last stored sample
//	GET  /usage/samples?from=&to=&account=&bucket= {"traffic","stored"}: the hourly samples
//	POST /usage/invoices?month=YYYY-MM&account=    body: price sheet (YAML or JSON) -> invoices
//	POST /usage/flush                              flush this gateway's spool now
//	POST /usage/sample[?replace=1]                 take this hour's stored samples now
//
// from and to are RFC 3339 times, YYYY-MM-DDTHH or YYYY-MM-DD; to
// defaults to the end of the current hour.
func (n *Node) usageRoutes(mux *http.ServeMux, v *auth.Verifier) {
	p := usage.APIPath
	mux.HandleFunc("GET "+p, n.usageReader(v, n.usageReport))
	mux.HandleFunc("GET "+p+"/samples", n.usageReader(v, n.usageSamples))
	mux.HandleFunc("POST "+p+"/invoices", n.usageReader(v, n.usageInvoice))
	mux.HandleFunc("POST "+p+"/flush", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		if n.usage == nil {
			writeJSON(w, nil, strata.Errorf("usage.flush", strata.Invalid, "not a gateway"))
			return
		}
		err := n.usage.meter.Flush(r.Context())
		writeJSON(w, map[string]string{"gateway": n.usage.meter.Gateway()}, err)
	}))
	mux.HandleFunc("POST "+p+"/sample", n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
		k, err := n.SampleUsage(r.Context(), r.URL.Query().Get("replace") == "1")
		writeJSON(w, map[string]int{"sampled": k}, err)
	}))
}

// UsageStore reads the usage samples of the cluster.
func (n *Node) UsageStore() *usage.Store { return usage.NewStore(n.engine) }

// SampleUsage takes the stored sample of the current hour for every
// bucket that has none yet (the hourly sampler does it on the hour), or
// for every bucket, replacing this hour's, with replace.
func (n *Node) SampleUsage(ctx context.Context, replace bool) (int, error) {
	if n.usage == nil || n.usage.sampler == nil {
		return 0, strata.Errorf("usage.sample", strata.Invalid, "not a gateway")
	}
	h := usage.HourOf(time.Now())
	if replace {
		return n.usage.sampler.Resample(ctx, h)
	}
	return n.usage.sampler.Sample(ctx, h)
}

// usageReader lets in the administrator, with any account, and an
// account's root, with its own account only (passed to h in the
// request's query, replacing what the caller asked).
func (n *Node) usageReader(v *auth.Verifier, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, _, err := v.Verify(r)
		p, _ := id.Principal.(*iam.Principal)
		admin := err == nil && !id.Anonymous && n.isAdmin(id)
		owner := err == nil && !id.Anonymous && p != nil && p.IsAccountRoot() && p.Session == nil
		noteCaller(r, id, !admin && !owner)
		if !admin && !owner {
			http.Error(w, "AccessDenied: usage is for the administrator and each account's root", http.StatusForbidden)
			return
		}
		if !admin {
			q := r.URL.Query()
			q.Set("account", p.Account.Name)
			r.URL.RawQuery = q.Encode()
		}
		h(w, r)
	}
}

func (n *Node) usageReport(w http.ResponseWriter, r *http.Request) {
	q, err := usageQuery(r)
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	rows, err := n.UsageStore().Report(r.Context(), q)
	writeJSON(w, usage.Report{From: q.From.Time(), To: q.To.Time(), Rows: rows}, err)
}

func (n *Node) usageSamples(w http.ResponseWriter, r *http.Request) {
	q, err := usageQuery(r)
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	st := n.UsageStore()
	ts, err := st.TrafficSamples(r.Context(), q)
	if err != nil {
		writeJSON(w, nil, err)
		return
	}
	ss, err := st.StoredSamples(r.Context(), q)
	writeJSON(w, usage.Samples{Traffic: ts, Stored: ss}, err)
}

func usageQuery(r *http.Request) (usage.Query, error) {
	p := r.URL.Query()
	q := usage.Query{Account: p.Get("account"), Bucket: p.Get("bucket"), To: usage.HourOf(time.Now()) + 1}
	if s := p.Get("from"); s != "" {
		t, err := parseHour(s)
		if err != nil {
			return q, err
		}
		q.From = usage.HourOf(t)
	}
	if s := p.Get("to"); s != "" {
		t, err := parseHour(s)
		if err != nil {
			return q, err
		}
		q.To = usage.HourOf(t)
	}
	return q, nil
}

func parseHour(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, strata.Errorf("usage.query", strata.Invalid, "time %q: want RFC 3339, YYYY-MM-DDTHH or YYYY-MM-DD", s)
}

func (n *Node) usageInvoice(w http.ResponseWriter, r *http.Request) {
	month, err := usage.ParseMonth(r.URL.Query().Get("month"))
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	sheet, err := usage.ParsePriceSheet(b)
	if err != nil {
		badRequest(w, err.Error())
		return
	}
	invs, err := n.UsageStore().Invoices(r.Context(), sheet, month, r.URL.Query().Get("account"), time.Now())
	writeJSON(w, invs, err)
}
