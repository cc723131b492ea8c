package auth

import "io"

// directRead is the size from which a chunk's data is read from the
// connection straight into the caller's buffer rather than through the
// line buffer: large bodies then cross user space with one copy less.
const directRead = 4 << 10

// lineBuffer is the size of the buffer chunk headers and trailers are
// read through: room for a 4 KiB line, and for the whole of a small
// body. It was 64 KiB, which made every streaming PUT allocate 64 KiB,
// and made each header's read pull up to a whole 64 KiB chunk of data
// through the buffer, one copy more, before readData could go direct.
const lineBuffer = 8 << 10

// readData reads chunk data into p (already capped at the chunk's end).
// Once the line buffer is empty, a large read goes to the source
// directly; the next chunk header is read through the buffer again.
func (c *chunkedReader) readData(p []byte) (int, error) {
	if c.src != nil && c.br.Buffered() == 0 && len(p) >= directRead {
		n, err := c.src.Read(p)
		if n > 0 && err == io.EOF {
			err = nil // as bufio does: the end shows on the next read
		}
		return n, err
	}
	return c.br.Read(p)
}
