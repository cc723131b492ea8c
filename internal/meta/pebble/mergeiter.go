package pebble

import (
	"bytes"
	"sort"

	"github.com/cockroachdb/pebble"
)

// overlay is one of a transaction's own writes, as its iterators see it.
type overlay struct {
	key []byte
	write
}

// mergeIter walks a snapshot iterator and a transaction's sorted writes
// together: a write hides the snapshot's value of its key, and a delete
// hides the key.
type mergeIter struct {
	base   *pebble.Iterator
	err    error
	baseOK bool
	over   []overlay
	oi     int
	onOver bool // the current entry is over[oi]
	valid  bool
}

func (m *mergeIter) First() bool {
	if m.base != nil {
		m.baseOK = m.base.First()
	}
	m.oi = 0
	return m.settle()
}

func (m *mergeIter) SeekGE(k []byte) bool {
	if m.base != nil {
		m.baseOK = m.base.SeekGE(k)
	}
	m.oi = sort.Search(len(m.over), func(i int) bool { return bytes.Compare(m.over[i].key, k) >= 0 })
	return m.settle()
}

func (m *mergeIter) Next() bool {
	if !m.valid {
		return false
	}
	if m.onOver {
		if m.baseOK && bytes.Equal(m.base.Key(), m.over[m.oi].key) {
			m.baseOK = m.base.Next()
		}
		m.oi++
	} else {
		m.baseOK = m.base.Next()
	}
	return m.settle()
}

// settle makes the smaller of the two sources' keys current, skipping
// the transaction's deletes and the snapshot keys they hide.
func (m *mergeIter) settle() bool {
	for {
		if m.oi < len(m.over) {
			o := m.over[m.oi]
			c := -1
			if m.baseOK {
				c = bytes.Compare(o.key, m.base.Key())
			}
			if c <= 0 {
				if o.del {
					if c == 0 {
						m.baseOK = m.base.Next()
					}
					m.oi++
					continue
				}
				m.onOver, m.valid = true, true
				return true
			}
		}
		m.onOver, m.valid = false, m.baseOK
		return m.valid
	}
}

func (m *mergeIter) Valid() bool { return m.valid }

func (m *mergeIter) Key() []byte {
	if m.onOver {
		return m.over[m.oi].key
	}
	return m.base.Key()
}

func (m *mergeIter) Value() []byte {
	if m.onOver {
		return m.over[m.oi].value
	}
	return m.base.Value()
}

func (m *mergeIter) Error() error {
	if m.err != nil {
		return m.err
	}
	return m.base.Error()
}

func (m *mergeIter) Close() error {
	if m.base == nil {
		return m.err
	}
	return m.base.Close()
}
