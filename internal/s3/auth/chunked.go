package auth

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"strconv"
	"strings"
)

// chainState carries the seed signature through the chunk signatures.
type chainState struct {
	v       *Verifier
	secret  string
	s       signature
	prev    string
	amzDate string
}

// chunkedReader decodes aws-chunked bodies:
//
//	hex-size[;chunk-signature=sig]\r\n data \r\n ... 0[;chunk-signature=sig]\r\n
//	[trailer-name:value\r\n ... [x-amz-trailer-signature:sig\r\n]] \r\n
//
// It checks each chunk's signature when the chunk ends, so a bad chunk
// fails the read before the body's EOF (and so before any commit).
type chunkedReader struct {
	br        *bufio.Reader
	src       io.Reader   // what br reads; nil: always through br
	chain     *chainState // nil for unsigned chunks
	trailer   bool        // trailers follow the last chunk
	remaining int64       // decoded bytes still expected
	left      int64       // bytes left in the current chunk
	sig       string      // signature of the current chunk
	h         hash.Hash
	done      bool
	trailers  map[string]string
	err       error
}

func (c *chunkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	for c.left == 0 {
		if c.done {
			return 0, io.EOF
		}
		if err := c.nextChunk(); err != nil {
			c.err = err
			return 0, err
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.readData(p)
	c.left -= int64(n)
	if c.h != nil {
		c.h.Write(p[:n])
	}
	if err == io.EOF {
		err = errIncomplete
	}
	if err == nil && c.left == 0 {
		err = c.endChunk()
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

// nextChunk reads a chunk header (or the final chunk and trailers).
func (c *chunkedReader) nextChunk() error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	sizeStr, ext, _ := strings.Cut(line, ";")
	size, err := strconv.ParseInt(strings.TrimSpace(sizeStr), 16, 64)
	if err != nil || size < 0 || size > c.remaining {
		return errChunk
	}
	c.sig = ""
	if c.chain != nil {
		sig, ok := strings.CutPrefix(ext, "chunk-signature=")
		if !ok {
			return errChunk
		}
		c.sig = sig
		c.h = sha256.New()
	}
	c.left = size
	c.remaining -= size
	if size > 0 {
		return nil
	}
	// The final chunk.
	if c.chain != nil {
		if err := c.checkChunkSig(); err != nil {
			return err
		}
	}
	if c.remaining != 0 {
		return errIncomplete
	}
	c.done = true
	if c.trailer {
		return c.readTrailers()
	}
	line, err = c.readLine()
	if err != nil || line != "" {
		return errChunk
	}
	return nil
}

// endChunk consumes the CRLF after a chunk's data and checks its signature.
func (c *chunkedReader) endChunk() error {
	line, err := c.readLine()
	if err != nil || line != "" {
		return errChunk
	}
	if c.chain != nil {
		return c.checkChunkSig()
	}
	return nil
}

func (c *chunkedReader) checkChunkSig() error {
	ch := c.chain
	sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + ch.amzDate + "\n" + ch.s.scope() + "\n" + ch.prev + "\n" +
		emptySHA256 + "\n" + hex.EncodeToString(c.h.Sum(nil))
	want := hex.EncodeToString(hmacSHA256(ch.v.signingKey(ch.secret, ch.s), sts))
	if !hmac.Equal([]byte(want), []byte(c.sig)) {
		return errSignature
	}
	ch.prev = want
	return nil
}

// readTrailers reads trailer headers up to the empty line, checking the
// trailer signature of signed bodies. Two layouts are in use:
//
//	AWS SDKs: name:value\r\n ... x-amz-trailer-signature:sig\r\n \r\n
//	minio-go: name:value\n \r\n x-amz-trailer-signature:sig\r\n \r\n
//
// so one empty line before the signature is skipped. Either way the
// signed text is each trailer as "name:value\n".
func (c *chunkedReader) readTrailers() error {
	c.trailers = map[string]string{}
	var signedPart strings.Builder
	sig, haveSig, skipped := "", false, false
	for {
		line, err := c.readLine()
		if err != nil {
			if err == errIncomplete && (haveSig || (c.chain == nil && len(c.trailers) > 0)) {
				break // some clients omit the final CRLF
			}
			return err
		}
		if line == "" {
			if c.chain != nil && !haveSig && !skipped {
				skipped = true
				continue
			}
			break
		}
		if haveSig {
			return errChunk // nothing may follow the signature
		}
		name, val, ok := strings.Cut(line, ":")
		if !ok {
			return errChunk
		}
		name = strings.ToLower(strings.TrimSpace(name))
		val = strings.TrimSpace(val)
		if name == "x-amz-trailer-signature" {
			sig, haveSig = val, true
			continue
		}
		if skipped || len(c.trailers) >= maxTrailers {
			return errChunk
		}
		c.trailers[name] = val
		signedPart.WriteString(name + ":" + val + "\n")
	}
	if c.chain == nil {
		return nil
	}
	ch := c.chain
	sum := sha256.Sum256([]byte(signedPart.String()))
	sts := "AWS4-HMAC-SHA256-TRAILER\n" + ch.amzDate + "\n" + ch.s.scope() + "\n" + ch.prev + "\n" + hex.EncodeToString(sum[:])
	want := hex.EncodeToString(hmacSHA256(ch.v.signingKey(ch.secret, ch.s), sts))
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return errSignature
	}
	return nil
}

// maxTrailers bounds the trailer headers of one body.
const maxTrailers = 16

// readLine reads a CRLF-terminated line (at most 4 KiB) without the CRLF.
func (c *chunkedReader) readLine() (string, error) {
	line, err := c.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull || len(line) > 4096 {
		return "", errChunk
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "", errIncomplete
	}
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(line), "\r\n"), nil
}
