package object

import (
	"context"
	"errors"

	"github.com/strata-storage/strata/internal/meta"
	"github.com/strata-storage/strata/internal/strata"
)

// Quotas admits what a write adds to a bucket's usage (internal/quota
// implements it with allowances reserved per gateway). The object service
// asks it inside each commit transaction, after computing the exact
// delta, so an overwrite is charged only for what it adds.
type Quotas interface {
	// Ticket opens the admission of one write to bucket, owned by
	// account; nil when no quota applies to either.
	Ticket(bucket, account string) QuotaTicket
}

// QuotaTicket is one write's claim on its quotas.
type QuotaTicket interface {
	// Hold makes the ticket hold d (replacing what it held): memory only,
	// since it runs inside a metadata transaction, possibly several times.
	// It fails with ErrNeedAllowance when this gateway must first get more
	// allowance (Refill, outside the transaction), or with strata.NoSpace
	// "QuotaExceeded".
	Hold(d Usage) error
	// Refill gets the allowance the last failed Hold lacked (metadata
	// I/O), or fails with strata.NoSpace "QuotaExceeded".
	Refill(ctx context.Context) error
	// Done settles the ticket: a committed hold is spent, another is
	// released.
	Done(committed bool)
}

// ErrNeedAllowance is the error of a Hold that needs a Refill first.
var ErrNeedAllowance = errors.New("quota allowance needed")

// SetQuotas makes every write ask q (nil: no quotas).
func (s *Service) SetQuotas(q Quotas) { s.quotas.Store(&q) }

// admission is one write's quota ticket across the attempts of its
// transaction: net is what the current attempt changes so far.
type admission struct {
	t   QuotaTicket
	net Usage
}

// admittedTxn is a transaction whose usage changes (addUsage) are
// charged to a write's quota ticket.
type admittedTxn struct {
	meta.Txn
	adm *admission
}

// SetNew passes setNew on to the transaction underneath.
func (a admittedTxn) SetNew(k, v []byte) error { return setNew(a.Txn, k, v) }

func (s *Service) admission(ctx context.Context, bucket string) *admission {
	q := s.quotas.Load()
	if q == nil || *q == nil {
		return nil
	}
	c, err := s.dir.Lookup(ctx, bucket)
	if err != nil {
		return nil // the write fails on its own
	}
	t := (*q).Ticket(c.Name, c.Account)
	if t == nil {
		return nil
	}
	return &admission{t: t}
}

// add charges a usage change of the transaction. The ticket holds the
// growing part of the net change so far: a file renamed or replaced
// within one transaction is charged only for what it adds, and a
// removal frees room for others at the next allowance, not in this write.
func (a *admission) add(d Usage) error {
	if a == nil {
		return nil
	}
	a.net.Objects += d.Objects
	a.net.LogicalBytes += d.LogicalBytes
	return a.t.Hold(Usage{Objects: max(0, a.net.Objects), LogicalBytes: max(0, a.net.LogicalBytes)})
}

// updateAdmitted runs fn in a transaction of e under admission a,
// getting more allowance between attempts when a Hold asks for it.
func (s *Service) updateAdmitted(ctx context.Context, e meta.Engine, a *admission, fn func(meta.Txn) error) error {
	if a == nil {
		return e.Update(ctx, fn)
	}
	for attempt := 0; ; attempt++ {
		err := e.Update(ctx, func(tx meta.Txn) error {
			a.net = Usage{}
			return fn(admittedTxn{tx, a})
		})
		if errors.Is(err, ErrNeedAllowance) && attempt < 8 {
			if err = a.t.Refill(ctx); err == nil {
				continue
			}
		}
		a.t.Done(err == nil)
		if errors.Is(err, ErrNeedAllowance) {
			// Other writes of this gateway kept taking the allowance.
			err = strata.E("object.quota", strata.Unavailable, err)
		}
		return err
	}
}

// CheckQuota refuses early a write that would add d to bucket beyond its
// quotas (a PUT of known size, a mount write), before its data is
// stored; the commit checks again with the exact delta.
func (s *Service) CheckQuota(ctx context.Context, bucket string, d Usage) error {
	a := s.admission(ctx, bucket)
	if a == nil {
		return nil
	}
	err := a.add(d)
	// As in updateAdmitted: other writes of this gateway may take the
	// allowance a refill brought before this check uses it.
	for attempt := 0; errors.Is(err, ErrNeedAllowance) && attempt < 8; attempt++ {
		if err = a.t.Refill(ctx); err == nil {
			err = a.add(Usage{})
		}
	}
	a.t.Done(false)
	if errors.Is(err, ErrNeedAllowance) {
		err = strata.E("object.CheckQuota", strata.Unavailable, err)
	}
	return err
}
