package object

import (
	"bufio"
	"context"
	"crypto/md5"
	"fmt"
	"hash"
	"io"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/directory"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
)

// written is the outcome of the data path.
type written struct {
	content []segment
	size    int64
	md5     []byte
	policy  protect.Policy
	pool    string // the class's pool the metachunks were placed in ("" = any)
	// shortfall: some metachunk has fewer fragments than its policy, or
	// fragments sharing a host although the policy wants them apart.
	shortfall bool
}

// hashingReader feeds every byte read through an MD5.
type hashingReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	return n, err
}

// writeData streams body into inline bytes or metachunks. Nothing it
// writes is visible until the caller commits a record that references it;
// on error it has already deleted what it wrote.
func (s *Service) writeData(ctx context.Context, c directory.Container, ref blob.BackRef, body io.Reader, size int64, class string) (written, error) {
	br := s.peekReader(body)
	var w written
	head, err := br.Peek(int(s.cfg.InlineMax) + 1)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		s.putPeekReader(br)
		return w, bodyError(err)
	}
	if len(head) <= int(s.cfg.InlineMax) {
		// Small: the whole body is in head.
		data := append([]byte(nil), head...)
		s.putPeekReader(br)
		sum := md5.Sum(data)
		w.content = []segment{{Size: int64(len(data)), Inline: data}}
		w.size, w.md5 = int64(len(data)), sum[:]
		return w, nil
	}
	// Large: the ETag's MD5 (see plainMD5), unless body is ciphertext.
	h := dataHash(body)
	defer h.Close()
	hr := &hashingReader{r: readerPastPeek(br, body), h: h}
	if tier := s.tierOf(ctx, class); tier != "" {
		w.content, w.size, err = s.writeTier(ctx, tier, c, ref, hr, size)
		w.md5, w.policy.Name = h.Sum(nil), "TIER:"+tier
		return w, err
	}
	sizeHint := size
	if sizeHint < 0 {
		sizeHint = s.cfg.MetachunkSize
	}
	w.policy, w.pool, err = s.policyFor(ctx, c, class, sizeHint)
	if err != nil {
		return w, err
	}
	sites := s.minSites(ctx, class)
	peek := &lookahead{r: hr}
	for index := 0; ; index++ {
		if err := peek.more(); err == io.EOF {
			break
		} else if err != nil {
			s.deleteContent(context.WithoutCancel(ctx), w.content)
			return written{}, bodyError(err)
		}
		mc, short, err := s.writeMetachunk(ctx, w.policy, w.pool, sites, ref, index, io.LimitReader(peek, s.cfg.MetachunkSize))
		if err != nil {
			s.deleteContent(context.WithoutCancel(ctx), append(w.content, segment{MC: &mc}))
			return written{}, err
		}
		w.shortfall = w.shortfall || short
		w.content = append(w.content, segment{Size: mc.Size, Policy: w.policy.Name, MC: &mc})
		w.size += mc.Size
	}
	w.md5 = h.Sum(nil)
	return w, nil
}

// peekReader returns a reader of body that can peek InlineMax+1 bytes.
// Its 64 KiB buffer comes from a pool: allocating and zeroing one per
// PUT was 5% of the CPU of 4 KiB PUTs. Only the small path puts it back,
// once its bytes are copied out; a large body's reader stays with the
// data path, whose writers may still hold it on an error.
func (s *Service) peekReader(body io.Reader) *bufio.Reader {
	if br, ok := s.peekers.Get().(*bufio.Reader); ok {
		br.Reset(body)
		return br
	}
	return bufio.NewReaderSize(body, int(s.cfg.InlineMax)+1)
}

// putPeekReader returns br to the pool, without the body it read.
func (s *Service) putPeekReader(br *bufio.Reader) {
	br.Reset(nil)
	s.peekers.Put(br)
}

// bodyError classifies a failure to read the request body: the client's
// fault, unless it carries its own kind (auth errors from the body
// verifier keep theirs through errors.As in the protocol layer).
func bodyError(err error) error {
	if strata.KindOf(err) != strata.Other {
		return err
	}
	return strata.E("object.body", strata.Invalid, err)
}

// writeMetachunk places and writes one metachunk. shortfall reports a
// placement that does not meet the policy: fewer services than fragments,
// fragments sharing a host while the cluster has others, or a fragment
// lost to a failed service (the write quorum still held). With sites > 1
// it is placed over and acknowledged on that many sites (sites.go).
func (s *Service) writeMetachunk(ctx context.Context, p protect.Policy, pool string, sites int, ref blob.BackRef, index int, r io.Reader) (mc protect.Metachunk, shortfall bool, err error) {
	opts := conscience.SelectOptions{Tags: poolTags(pool)}
	svcs, shortfall, err := s.placer.Select(ctx, strata.ServiceBlob, p.Width(), opts)
	if len(svcs) > 0 {
		if svcs, err = s.placeSites(ctx, p, sites, svcs, opts); err != nil {
			return protect.Metachunk{}, false, err
		}
	}
	if len(svcs) == 0 {
		if pool != "" {
			err = noPoolVolume(pool)
		} else if err == nil {
			err = strata.Errorf("object.place", strata.NoSpace, "no blob service available")
		}
		return protect.Metachunk{}, false, err
	}
	// Fewer services than fragments: reuse services rather than refuse the
	// write; the protection is lower, and the improver spreads the
	// fragments once more services exist.
	if len(svcs) < p.Width() {
		shortfall = true
		s.log.Warn("fewer blob services than fragments", "policy", p.Name, "services", len(svcs))
	}
	put := func(ctx context.Context, i int, r io.Reader) (protect.Fragment, error) {
		svc := svcs[i%len(svcs)]
		st, err := s.blobs.Store(svc.ID)
		if err != nil {
			return protect.Fragment{}, err
		}
		id := strata.NewChunkID()
		cref := ref
		cref.Position = fmt.Sprintf("%d.%d", index, i)
		info, err := st.Put(ctx, id, cref, r)
		if err != nil {
			return protect.Fragment{}, err
		}
		return protect.Fragment{Index: i, Service: svc.ID, Chunk: id, Size: info.Size, Checksum: info.Checksum}, nil
	}
	mc, err = protect.Write(ctx, p, r, put)
	if err == nil {
		err = s.ackSites(p, sites, mc)
	}
	return mc, shortfall || len(mc.Fragments) < p.Width(), err
}

// open is the protect.OpenFunc over the blob services.
func (s *Service) open(ctx context.Context, f protect.Fragment, off, length int64) (io.ReadCloser, error) {
	st, err := s.blobs.Store(f.Service)
	if err != nil {
		return nil, err
	}
	return st.Open(ctx, f.Chunk, off, length)
}

// deleteContent removes the chunks of content, best effort: what fails
// here is left to the orphan collector.
func (s *Service) deleteContent(ctx context.Context, content []segment) {
	s.deleteRemotes(ctx, content)
	for _, f := range chunksOf(ownedSegments(content)) {
		st, err := s.blobs.Store(f.Service)
		if err == nil {
			err = st.Delete(ctx, f.Chunk)
		}
		if err != nil && !strata.Is(err, strata.NotExist) {
			s.log.Warn("chunk delete failed; left to the orphan collector", "service", f.Service, "chunk", f.Chunk, "err", err)
		}
	}
}

// ownedSegments drops shared segments: their chunks may still be
// referenced elsewhere and are only ever deleted by the orphan collector.
func ownedSegments(content []segment) []segment {
	out := make([]segment, 0, len(content))
	for _, sg := range content {
		if !sg.Shared {
			out = append(out, sg)
		}
	}
	return out
}
