package etcd

import (
	"go.etcd.io/etcd/api/v3/mvccpb"
)

// iterator merges pages of the snapshot with a transaction's buffered
// writes (over, sorted), in key order.
type iterator struct {
	r      *reader
	lo, hi string // etcd keys; hi "\x00" = unbounded
	page   int64

	base     []*mvccpb.KeyValue
	bi       int
	more     bool   // the server has keys after base
	nextFrom string // where the next page starts

	over []write
	oi   int

	valid    bool
	fromOver bool // the current entry is a buffered write
	shadow   bool // ... that hides a base entry with the same key
	key      []byte
	val      []byte
	err      error
	closed   bool
}

func (it *iterator) fetch(from string) {
	it.base, it.bi, it.more = nil, 0, false
	if it.err != nil || (it.hi != "\x00" && from >= it.hi) {
		return
	}
	resp, err := it.r.rangeGet(from, it.hi, it.page)
	if err != nil {
		it.err = err
		return
	}
	it.base, it.more = resp.Kvs, resp.More
	if it.more && len(it.base) > 0 {
		it.nextFrom = string(it.base[len(it.base)-1].Key) + "\x00"
	}
	if it.page < 4096 {
		it.page *= 2 // long scans fetch bigger pages
	}
}

// baseHead returns the next snapshot entry, fetching a page if needed.
func (it *iterator) baseHead() *mvccpb.KeyValue {
	if it.bi >= len(it.base) && it.more {
		it.fetch(it.nextFrom)
	}
	if it.bi < len(it.base) {
		return it.base[it.bi]
	}
	return nil
}

func (it *iterator) settle() bool {
	it.valid = false
	for it.err == nil {
		b := it.baseHead()
		var o *write
		if it.oi < len(it.over) {
			o = &it.over[it.oi]
		}
		switch {
		case b == nil && o == nil:
			return false
		case o != nil && (b == nil || o.key <= string(b.Key)):
			it.shadow = b != nil && o.key == string(b.Key)
			if o.del {
				it.oi++
				if it.shadow {
					it.bi++
				}
				continue
			}
			it.fromOver, it.key, it.val = true, []byte(o.key), o.val
		default:
			it.fromOver, it.shadow, it.key, it.val = false, false, b.Key, b.Value
			if it.r.reads != nil {
				it.r.reads[string(b.Key)] = b.ModRevision
			}
		}
		it.key = it.key[len(it.r.e.prefix):]
		it.valid = true
		return true
	}
	return false
}

func (it *iterator) First() bool { return it.SeekGE(nil) }

func (it *iterator) SeekGE(key []byte) bool {
	from := it.r.e.key(key)
	if from < it.lo {
		from = it.lo
	}
	it.fetch(from)
	it.oi = 0
	for it.oi < len(it.over) && it.over[it.oi].key < from {
		it.oi++
	}
	return it.settle()
}

func (it *iterator) Next() bool {
	if !it.valid {
		return false
	}
	if it.fromOver {
		it.oi++
		if it.shadow {
			it.bi++
		}
	} else {
		it.bi++
	}
	return it.settle()
}

func (it *iterator) Valid() bool   { return it.valid }
func (it *iterator) Key() []byte   { return it.key }
func (it *iterator) Value() []byte { return it.val }
func (it *iterator) Error() error  { return it.err }
func (it *iterator) Close() error {
	it.closed, it.base, it.over = true, nil, nil
	return it.err
}
