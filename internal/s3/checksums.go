package s3

import (
	"encoding/base64"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// Checksum types, as S3 names them.
const (
	checksumComposite  = "COMPOSITE"
	checksumFullObject = "FULL_OBJECT"
)

// checksumFields are the Checksum* elements of S3's XML documents.
type checksumFields struct {
	ChecksumCRC32     string `xml:"ChecksumCRC32,omitempty"`
	ChecksumCRC32C    string `xml:"ChecksumCRC32C,omitempty"`
	ChecksumCRC64NVME string `xml:"ChecksumCRC64NVME,omitempty"`
	ChecksumSHA1      string `xml:"ChecksumSHA1,omitempty"`
	ChecksumSHA256    string `xml:"ChecksumSHA256,omitempty"`
}

func newChecksumFields(sums map[string]string) checksumFields {
	return checksumFields{ChecksumCRC32: sums["CRC32"], ChecksumCRC32C: sums["CRC32C"],
		ChecksumCRC64NVME: sums["CRC64NVME"], ChecksumSHA1: sums["SHA1"], ChecksumSHA256: sums["SHA256"]}
}

func (c checksumFields) sums() map[string]string {
	out := map[string]string{}
	for alg, v := range map[string]string{"CRC32": c.ChecksumCRC32, "CRC32C": c.ChecksumCRC32C,
		"CRC64NVME": c.ChecksumCRC64NVME, "SHA1": c.ChecksumSHA1, "SHA256": c.ChecksumSHA256} {
		if v != "" {
			out[alg] = v
		}
	}
	return out
}

// checksumType is the type S3 reports for an object with checksums.
func checksumType(info object.ObjectInfo) string {
	if len(info.Checksums) == 0 {
		return ""
	}
	if info.ChecksumType != "" {
		return info.ChecksumType
	}
	return checksumFullObject
}

// parseChecksumType reads x-amz-checksum-type for alg ("" if absent).
func parseChecksumType(h http.Header, alg string) (string, error) {
	t := strings.ToUpper(h.Get("X-Amz-Checksum-Type"))
	switch t {
	case "":
	case checksumComposite:
		if alg == "CRC64NVME" {
			return "", errInvalidRequest("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
		}
	case checksumFullObject:
		if alg != "" && !auth.CanCombine(alg) {
			return "", errInvalidRequest("The FULL_OBJECT checksum type cannot be used with the " + strings.ToLower(alg) + " checksum algorithm.")
		}
	default:
		return "", errInvalidRequest("Value for x-amz-checksum-type header is invalid.")
	}
	return t, nil
}

// allParts lists every uploaded part of an upload, with the upload.
func (rq *request) allParts() (object.Upload, map[int]object.Part, error) {
	parts := map[int]object.Part{}
	marker := 0
	for {
		res, err := rq.h.svc.ListParts(rq.r.Context(), rq.bucket, rq.key, rq.get("uploadId"), marker, 1000)
		if err != nil {
			return object.Upload{}, nil, err
		}
		for _, p := range res.Parts {
			parts[p.Number] = p
		}
		if !res.IsTruncated || res.NextPartNumberMarker <= marker {
			return res.Upload, parts, nil
		}
		marker = res.NextPartNumberMarker
	}
}

var errInvalidPart = errorf("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.")

// completeChecksums works out the checksums of the object a Complete
// assembles from its parts, and checks the ones the client sent: per
// part in the XML, and for the whole object in x-amz-checksum-*
// headers (composite "BASE64-N", or full-object for CRCs). It fills
// opts.Checksums, ChecksumType and PartChecksums.
//
// The parts are listed before the commit; the commit checks their ETags
// again, and an ETag is the MD5 of the part's data, so the checksums
// computed here are those of the parts assembled.
func (rq *request) completeChecksums(req *completeMultipartUpload, opts *object.PutOptions) error {
	up, stored, err := rq.allParts()
	if strata.Is(err, strata.NotExist) {
		// Completed already (a repeated Complete answers as the first
		// did, with the checksums recorded then) or no such upload:
		// CompleteUpload tells which.
		return nil
	}
	if err != nil {
		return err
	}
	// A part number listed twice in a row counts once, with its last
	// entry (as completeParts reads the list).
	listed := req.Parts[:0:0]
	for _, xp := range req.Parts {
		if n := len(listed); n > 0 && listed[n-1].PartNumber == xp.PartNumber {
			listed[n-1] = xp
			continue
		}
		listed = append(listed, xp)
	}
	chosen := make([]object.Part, len(listed))
	for i, xp := range listed {
		p, ok := stored[xp.PartNumber]
		if !ok || strings.Trim(xp.ETag, `"`) != p.ETag {
			return errInvalidPart
		}
		for alg, v := range xp.sums() {
			if p.Checksums[alg] != v {
				return errInvalidPart
			}
		}
		chosen[i] = p
	}
	claimed := map[string]string{}
	for _, alg := range auth.ChecksumAlgorithms() {
		if v := rq.r.Header.Get("X-Amz-Checksum-" + alg); v != "" {
			claimed[alg] = v
		}
	}
	algs := map[string]bool{}
	for alg := range up.Options.Checksums {
		algs[strings.ToUpper(alg)] = true
	}
	for alg := range claimed {
		algs[alg] = true
	}
	for alg := range algs {
		typ, err := parseChecksumType(rq.r.Header, alg)
		if err != nil {
			return err
		}
		if typ == "" {
			typ = up.Options.ChecksumType
		}
		sum, typ, err := partsChecksum(alg, typ, chosen, claimed[alg])
		if err != nil {
			return err
		}
		if sum == "" {
			continue
		}
		if opts.Checksums == nil {
			opts.Checksums = map[string]string{}
		}
		opts.Checksums[alg], opts.ChecksumType = sum, typ
	}
	for _, p := range chosen {
		if len(p.Checksums) > 0 {
			opts.PartChecksums = make([]map[string]string, len(chosen))
			for i, p := range chosen {
				opts.PartChecksums[i] = p.Checksums
			}
			break
		}
	}
	return nil
}

// partsChecksum computes alg's checksum of the object made of parts, of
// type typ ("" = what claimed matches, else COMPOSITE, or FULL_OBJECT
// for CRC64NVME), and checks claimed against it. It returns "" if a
// part has no checksum of alg and nothing was claimed.
func partsChecksum(alg, typ string, parts []object.Part, claimed string) (string, string, error) {
	sums := make([]auth.PartSum, len(parts))
	for i, p := range parts {
		v := p.Checksums[alg]
		if v == "" {
			if claimed != "" {
				return "", "", errInvalidRequest("The upload was created using the " + strings.ToLower(alg) +
					" checksum algorithm, but part " + strconv.Itoa(p.Number) + " has no checksum of it.")
			}
			return "", "", nil
		}
		sums[i] = auth.PartSum{Sum: v, Size: p.Size}
	}
	composite := func() (string, bool) {
		raw := make([]string, len(sums))
		for i, s := range sums {
			raw[i] = s.Sum
		}
		return auth.Composite(alg, raw)
	}
	matches := func(sum string) bool {
		if claimed == "" || claimed == sum {
			return true
		}
		base, n, _ := strings.Cut(sum, "-")
		return n != "" && claimed == base // composite given without "-N"
	}
	if typ == "" {
		switch {
		case alg == "CRC64NVME":
			typ = checksumFullObject
		case claimed != "" && !strings.Contains(claimed, "-") && auth.CanCombine(alg):
			// A bare value: the composite without its "-N", or the
			// full-object CRC; whichever it is.
			if sum, ok := composite(); ok && matches(sum) {
				return sum, checksumComposite, nil
			}
			typ = checksumFullObject
		default:
			typ = checksumComposite
		}
	}
	var sum string
	var ok bool
	if typ == checksumFullObject {
		sum, ok = auth.CombineFullObject(alg, sums)
	} else {
		sum, ok = composite()
	}
	if !ok {
		return "", "", errInvalidRequest("The " + typ + " checksum type cannot be computed with the " + strings.ToLower(alg) + " checksum algorithm.")
	}
	if !matches(sum) {
		return "", "", errorf("BadDigest", 400, "The "+alg+" you specified did not match the calculated checksum.")
	}
	return sum, typ, nil
}

// createChecksumType records x-amz-checksum-type of CreateMultipartUpload.
func (rq *request) createChecksumType(opts *object.PutOptions) error {
	alg := ""
	for a := range opts.Checksums {
		alg = a
	}
	t, err := parseChecksumType(rq.r.Header, alg)
	if err != nil || t == "" {
		return err
	}
	opts.ChecksumType = t
	rq.w.Header().Set("X-Amz-Checksum-Type", t)
	return nil
}

// hashingReader computes checksums of what is read through it.
type hashingReader struct {
	r  io.Reader
	hs map[string]hash.Hash
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	for _, x := range h.hs {
		x.Write(p[:n])
	}
	return n, err
}

func (h *hashingReader) sums() map[string]string {
	out := map[string]string{}
	for alg, x := range h.hs {
		out[alg] = base64.StdEncoding.EncodeToString(x.Sum(nil))
	}
	return out
}

// copyChecksums sets up the checksums of a copy: of the algorithm named
// by x-amz-checksum-algorithm, else of the source's algorithms. They are
// computed over the whole object as it is copied, so a copy of a
// multipart object gets full-object checksums, as in S3.
func copyChecksums(h http.Header, src object.ObjectInfo, r io.Reader, opts *object.PutOptions) (io.Reader, error) {
	algs := map[string]bool{}
	if alg := strings.ToUpper(h.Get("X-Amz-Checksum-Algorithm")); alg != "" {
		if auth.NewChecksum(alg) == nil {
			return nil, errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		algs[alg] = true
	} else {
		for alg := range src.Checksums {
			algs[alg] = true
		}
	}
	opts.Checksums, opts.ChecksumType, opts.PartChecksums = nil, "", nil
	if len(algs) == 0 {
		return r, nil
	}
	hr := &hashingReader{r: r, hs: map[string]hash.Hash{}}
	for alg := range algs {
		hr.hs[alg] = auth.NewChecksum(alg)
	}
	opts.FinalChecksums = hr.sums
	return hr, nil
}

// readChecksums are the checksums a GET or HEAD reports: the object's,
// or with ?partNumber the part's (S3 gives each part's own checksum, and
// a single-part object's as its part 1).
func readChecksums(info object.ObjectInfo, partNumber string) map[string]string {
	if partNumber == "" {
		return info.Checksums
	}
	n, err := strconv.Atoi(partNumber)
	if err != nil || n < 1 {
		return nil
	}
	if len(info.PartSizes) == 0 {
		if n == 1 {
			return info.Checksums
		}
		return nil
	}
	if n > len(info.PartSizes) || len(info.PartChecksums) != len(info.PartSizes) {
		return nil
	}
	return info.PartChecksums[n-1]
}
