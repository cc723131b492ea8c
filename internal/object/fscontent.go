package object

import (
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"io"
)

// ContentIDer is what FSRead's reader also is: it names the content it
// serves, so that a mount can key a local cache of its bytes on it. The
// name changes whenever the bytes may have (a new version, a publish, a
// pending log write or truncate); a change of layout alone may change it
// too, which costs a cache miss and nothing else.
type ContentIDer interface {
	ContentID() string
}

// viewID is view with the name of the content it returns.
func (t *fsTx) viewID(rec *record) ([]segment, string, error) {
	h := fnv.New128a()
	io.WriteString(h, rec.Info.VersionID)
	io.WriteString(h, "\x00"+rec.Info.ETag+"\x00")
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(rec.Info.Modified.UnixNano())))
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(rec.Info.Size)))
	content := rec.Content
	if rec.FS != nil {
		ops, keys, err := t.pending(rec)
		if err != nil {
			return nil, "", err
		}
		for _, op := range ops {
			content = op.apply(content)
		}
		// The log is append-only between publishes and a publish makes a
		// new record, so its length and last key name its state.
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(keys))))
		if len(keys) > 0 {
			h.Write(keys[len(keys)-1])
		}
	}
	return content, hex.EncodeToString(h.Sum(nil)), nil
}

// idReader is a content reader with the content's name.
type idReader struct {
	io.ReadCloser
	id string
}

func (r idReader) ContentID() string { return r.id }

var _ ContentIDer = idReader{}
