package restapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/strata-storage/strata/internal/strata"
)

// JobFunc runs one job of a kind until done or ctx ends. It may call
// progress with the report so far (a JSON value) as often as it likes,
// and returns the final report.
type JobFunc func(ctx context.Context, params map[string]string, progress func(any)) (any, error)

// JobKind is one kind of job: Check, if set, refuses bad parameters
// before the job starts (strata.Invalid); Run does the work.
type JobKind struct {
	Check func(params map[string]string) error
	Run   JobFunc
}

// Job states.
const (
	JobRunning   = "running"
	JobDone      = "done"
	JobFailed    = "failed"
	JobCancelled = "cancelled"
)

// Job is a snapshot of a long operation started through the API.
type Job struct {
	ID       string            `json:"id"`
	Kind     string            `json:"kind"`
	Params   map[string]string `json:"params,omitempty"`
	State    string            `json:"state"`
	Started  time.Time         `json:"started"`
	Finished *time.Time        `json:"finished,omitempty"`
	Progress any               `json:"progress,omitempty"` // the latest report while running
	Result   any               `json:"result,omitempty"`   // the final report
	Error    string            `json:"error,omitempty"`
}

// keepFinished bounds the finished jobs remembered.
const keepFinished = 100

// Jobs runs and tracks the long operations of one gateway (rebuild,
// scrub, improve, gc). Jobs live in this gateway's memory: another
// gateway lists its own, and a restart forgets them.
type Jobs struct {
	kinds map[string]JobKind
	ctx   context.Context
	spawn func(func())

	mu     sync.Mutex
	jobs   map[string]*jobState
	notify chan struct{} // closed and replaced at each state change
}

type jobState struct {
	Job
	cancel context.CancelFunc
}

// NewJobs returns a tracker for kinds. Jobs run under ctx (cancelled at
// shutdown) in goroutines started by spawn, so the owner can wait for
// them before closing its stores; nil spawn uses plain goroutines.
func NewJobs(ctx context.Context, spawn func(func()), kinds map[string]JobKind) *Jobs {
	if spawn == nil {
		spawn = func(f func()) { go f() }
	}
	return &Jobs{kinds: kinds, ctx: ctx, spawn: spawn, jobs: map[string]*jobState{}, notify: make(chan struct{})}
}

// Kinds lists the kinds of job that can be started.
func (j *Jobs) Kinds() []string { return slices.Sorted(maps.Keys(j.kinds)) }

// Start starts a job; strata.Invalid for an unknown kind.
func (j *Jobs) Start(kind string, params map[string]string) (Job, error) {
	k, ok := j.kinds[kind]
	if !ok {
		return Job{}, strata.Errorf("restapi.Jobs", strata.Invalid, "unknown job kind %q (want one of %v)", kind, j.Kinds())
	}
	if k.Check != nil {
		if err := k.Check(params); err != nil {
			return Job{}, err
		}
	}
	ctx, cancel := context.WithCancel(j.ctx)
	b := make([]byte, 6)
	rand.Read(b)
	st := &jobState{Job: Job{ID: kind + "-" + hex.EncodeToString(b), Kind: kind, Params: params, State: JobRunning,
		Started: time.Now().UTC()}, cancel: cancel}
	j.mu.Lock()
	j.jobs[st.ID] = st
	j.trim()
	snap := st.Job
	j.mu.Unlock()
	j.spawn(func() {
		res, err := k.Run(ctx, params, func(p any) {
			j.mu.Lock()
			st.Progress = p
			j.mu.Unlock()
		})
		j.finish(st, ctx, res, err)
	})
	return snap, nil
}

func (j *Jobs) finish(st *jobState, ctx context.Context, res any, err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := time.Now().UTC()
	st.Finished, st.Result = &now, res
	switch {
	case err != nil && ctx.Err() != nil:
		st.State, st.Error = JobCancelled, err.Error()
	case err != nil:
		st.State, st.Error = JobFailed, err.Error()
	default:
		st.State = JobDone
	}
	st.cancel()
	close(j.notify)
	j.notify = make(chan struct{})
}

// trim forgets the oldest finished jobs beyond keepFinished.
func (j *Jobs) trim() {
	var done []*jobState
	for _, s := range j.jobs {
		if s.State != JobRunning {
			done = append(done, s)
		}
	}
	if len(done) <= keepFinished {
		return
	}
	sort.Slice(done, func(a, b int) bool { return done[a].Started.Before(done[b].Started) })
	for _, s := range done[:len(done)-keepFinished] {
		delete(j.jobs, s.ID)
	}
}

// Get returns a job (strata.NotExist if unknown).
func (j *Jobs) Get(id string) (Job, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	st, ok := j.jobs[id]
	if !ok {
		return Job{}, strata.Errorf("restapi.Jobs", strata.NotExist, "no job %q on this gateway", id)
	}
	return st.Job, nil
}

// List returns the jobs, newest first.
func (j *Jobs) List() []Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]Job, 0, len(j.jobs))
	for _, st := range j.jobs {
		out = append(out, st.Job)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Started.After(out[b].Started) })
	return out
}

// Cancel asks a running job to stop; it is then listed as cancelled.
func (j *Jobs) Cancel(id string) (Job, error) {
	j.mu.Lock()
	st, ok := j.jobs[id]
	j.mu.Unlock()
	if !ok {
		return Job{}, strata.Errorf("restapi.Jobs", strata.NotExist, "no job %q on this gateway", id)
	}
	st.cancel()
	return j.Get(id)
}

// Wait returns the job once finished, or its state when ctx ends.
func (j *Jobs) Wait(ctx context.Context, id string) (Job, error) {
	for {
		j.mu.Lock()
		st, ok := j.jobs[id]
		ch := j.notify
		var snap Job
		if ok {
			snap = st.Job
		}
		j.mu.Unlock()
		if !ok {
			return Job{}, strata.Errorf("restapi.Jobs", strata.NotExist, "no job %q on this gateway", id)
		}
		if snap.State != JobRunning {
			return snap, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return snap, nil
		}
	}
}
