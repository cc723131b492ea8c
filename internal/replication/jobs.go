package replication

import (
	"context"
	"encoding/json"
	"time"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Job is a resync of a bucket: one at a time per bucket cluster-wide (a
// lease in the root engine), resumed by any gateway from its last page
// if its runner dies.
type Job struct {
	Bucket   string    `json:"bucket"`
	Rule     string    `json:"rule,omitempty"`
	State    string    `json:"state"` // running, done, failed
	Marker   string    `json:"marker,omitempty"`
	Enqueued int       `json:"enqueued"`
	Holder   string    `json:"holder,omitempty"`
	Until    time.Time `json:"until,omitzero"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
	Error    string    `json:"error,omitempty"`
}

// Job states.
const (
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

const jobLease = 15 * time.Second

func jobKey(bucket string) []byte { return []byte("R/j/" + bucket) }

// StartResync starts (or, if its runner died, takes over) the resync of
// a bucket and returns at once; strata.Conflict if one runs elsewhere.
func (s *Service) StartResync(ctx context.Context, bucket, rule string) (Job, error) {
	if c, err := s.configs.get(ctx, bucket); err != nil {
		return Job{}, err
	} else if c == nil {
		return Job{}, strata.Errorf("replication.Resync", strata.NotExist, "bucket %s has no replication configuration", bucket)
	} else if rule != "" && c.Rule(rule) == nil {
		return Job{}, strata.Errorf("replication.Resync", strata.NotExist, "bucket %s has no rule %q", bucket, rule)
	}
	j, err := s.claim(ctx, bucket, func(old *Job) Job {
		if old != nil && old.State == JobRunning {
			return *old // resume where it stopped
		}
		return Job{Bucket: bucket, Rule: rule, State: JobRunning, Started: time.Now().UTC()}
	})
	if err != nil {
		return j, err
	}
	go s.runJob(s.Background, j)
	return j, nil
}

// claim takes a bucket's job lease in one transaction.
func (s *Service) claim(ctx context.Context, bucket string, next func(old *Job) Job) (Job, error) {
	var out Job
	err := s.Root.Update(ctx, func(tx meta.Txn) error {
		var old *Job
		if b, err := tx.Get(jobKey(bucket)); err == nil {
			old = new(Job)
			json.Unmarshal(b, old)
			if old.State == JobRunning && old.Holder != s.holder() && old.Until.After(time.Now()) {
				return strata.Errorf("replication.Resync", strata.Conflict, "a resync of %s runs on %s", bucket, old.Holder)
			}
		} else if !strata.Is(err, strata.NotExist) {
			return err
		}
		out = next(old)
		out.Holder, out.Until = s.holder(), time.Now().Add(jobLease)
		b, _ := json.Marshal(out)
		return tx.Set(jobKey(bucket), b)
	})
	return out, err
}

func (s *Service) holder() string { return s.Cluster + "/" + s.node }

// save records a job's progress and renews its lease, unless another
// gateway took it over (then the job stops here).
func (s *Service) save(ctx context.Context, j *Job) error {
	return s.Root.Update(ctx, func(tx meta.Txn) error {
		if b, err := tx.Get(jobKey(j.Bucket)); err == nil {
			var cur Job
			json.Unmarshal(b, &cur)
			if cur.Holder != s.holder() {
				return strata.Errorf("replication.Resync", strata.Conflict, "resync of %s taken over by %s", j.Bucket, cur.Holder)
			}
		}
		j.Until = time.Now().Add(jobLease)
		b, _ := json.Marshal(j)
		return tx.Set(jobKey(j.Bucket), b)
	})
}

func (s *Service) runJob(ctx context.Context, j Job) {
	var saveErr error
	n, err := s.ResyncFrom(ctx, j.Bucket, j.Rule, j.Marker, func(n int, last string) {
		if saveErr != nil {
			return
		}
		j.Marker = last
		j.Enqueued = n
		saveErr = s.save(ctx, &j)
	}, j.Enqueued)
	if saveErr != nil {
		s.Log.Warn("replication: resync stopped", "bucket", j.Bucket, "err", saveErr)
		return
	}
	j.Enqueued, j.Finished, j.State = n, time.Now().UTC(), JobDone
	if err != nil {
		j.State, j.Error = JobFailed, err.Error()
	}
	if err := s.save(ctx, &j); err != nil {
		s.Log.Warn("replication: resync end not recorded", "bucket", j.Bucket, "err", err)
	}
}

// Jobs lists the resyncs (bucket "" = all).
func (s *Service) Jobs(ctx context.Context, bucket string) ([]Job, error) {
	out := []Job{}
	err := s.Root.View(ctx, func(r meta.Reader) error {
		p := []byte("R/j/" + bucket)
		it := r.Iter(p, meta.PrefixEnd(p))
		defer it.Close()
		for ok := it.First(); ok; ok = it.Next() {
			var j Job
			if json.Unmarshal(it.Value(), &j) == nil && (bucket == "" || j.Bucket == bucket) {
				out = append(out, j)
			}
		}
		return it.Error()
	})
	return out, err
}

// resumeOrphans takes over running resyncs whose runner died.
func (s *Service) resumeOrphans(ctx context.Context) {
	js, err := s.Jobs(ctx, "")
	if err != nil {
		return
	}
	for _, j := range js {
		if j.State != JobRunning || j.Until.After(time.Now()) {
			continue
		}
		if got, err := s.claim(ctx, j.Bucket, func(old *Job) Job { return *old }); err == nil {
			s.Log.Info("replication: resuming a resync", "bucket", j.Bucket, "after", got.Marker)
			go s.runJob(ctx, got)
		}
	}
}
