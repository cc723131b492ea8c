package qos

// AnyAccount is the name of the default account limit: "account/*"
// gives every account that has no limit of its own the same limit, each
// account counted apart.
const AnyAccount = "*"

var anyAccount = Scope{Kind: Account, Name: AnyAccount}

// defaultEntry returns the entry of an account under the default limit,
// making it on the account's first request; nil if the default is gone.
func (l *Limiter) defaultEntry(account string) *entry {
	if v, ok := l.dyn.Load(account); ok {
		return v.(*entry)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if v, ok := l.dyn.Load(account); ok {
		return v.(*entry)
	}
	def, ok := l.limits[anyAccount]
	if !ok {
		return nil
	}
	e := l.fit(nil, Scope{Kind: Account, Name: account}, def, l.now())
	l.dyn.Store(account, e)
	return e
}

// refitDefault resizes the default's entries to the current default and
// shares, and drops those of accounts that got a limit of their own, or
// all of them when the default is removed; the caller holds mu.
func (l *Limiter) refitDefault(now int64) {
	def, ok := l.limits[anyAccount]
	l.dyn.Range(func(k, v any) bool {
		sc := Scope{Kind: Account, Name: k.(string)}
		if _, own := l.limits[sc]; own || !ok {
			l.dyn.Delete(k)
			return true
		}
		if e := l.fit(v.(*entry), sc, def, now); e != v {
			l.dyn.Store(k, e)
		}
		return true
	})
}

// limited returns every scope this gateway counts requests for: the
// limits set (but the default itself) and the accounts under the
// default; the caller holds mu.
func (l *Limiter) limited() map[Scope]*entry {
	out := make(map[Scope]*entry, len(l.entries))
	for sc, e := range l.entries {
		out[sc] = e
	}
	l.dyn.Range(func(_, v any) bool {
		e := v.(*entry)
		out[e.scope] = e
		return true
	})
	return out
}
