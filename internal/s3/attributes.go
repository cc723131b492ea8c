package s3

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

type xmlChecksum struct {
	checksumFields
	ChecksumType string `xml:"ChecksumType,omitempty"`
}

type xmlObjectPart struct {
	PartNumber int   `xml:"PartNumber"`
	Size       int64 `xml:"Size"`
	checksumFields
}

type xmlObjectParts struct {
	IsTruncated          bool            `xml:"IsTruncated"`
	MaxParts             int             `xml:"MaxParts"`
	NextPartNumberMarker int             `xml:"NextPartNumberMarker"`
	PartNumberMarker     int             `xml:"PartNumberMarker"`
	Parts                []xmlObjectPart `xml:"Part"`
	PartsCount           int             `xml:"PartsCount"`
}

type getObjectAttributesOutput struct {
	XMLName      xml.Name        `xml:"GetObjectAttributesOutput"`
	XMLNS        string          `xml:"xmlns,attr"`
	ETag         string          `xml:"ETag,omitempty"`
	Checksum     *xmlChecksum    `xml:"Checksum,omitempty"`
	ObjectParts  *xmlObjectParts `xml:"ObjectParts,omitempty"`
	StorageClass string          `xml:"StorageClass,omitempty"`
	ObjectSize   *int64          `xml:"ObjectSize,omitempty"`
}

// objectAttributes answers GetObjectAttributes: the attributes named in
// x-amz-object-attributes, of the latest version or of ?versionId.
func (rq *request) objectAttributes() error {
	if rq.r.Method != http.MethodGet {
		return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
	}
	want := map[string]bool{}
	for _, h := range rq.r.Header.Values("X-Amz-Object-Attributes") {
		for _, a := range strings.Split(h, ",") {
			switch a = strings.TrimSpace(a); a {
			case "":
			case "ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize":
				want[a] = true
			default:
				return errInvalidArg("Invalid attribute name specified.")
			}
		}
	}
	if len(want) == 0 {
		return errInvalidArg("Empty attribute name specified.")
	}
	maxParts, marker, err := rq.attributePaging()
	if err != nil {
		return err
	}
	// An SSE-C object's attributes need its key, as a HEAD does.
	sse, err := readSSE(rq.r.Header)
	if err != nil {
		return err
	}
	info, err := rq.h.svc.HeadObject(rq.r.Context(), rq.bucket, rq.key, object.GetOptions{VersionID: rq.get("versionId"), SSE: sse})
	if err != nil {
		return rq.objectError(info, err)
	}
	if err := rq.allow(permRead, aclOrOwner(info)); err != nil {
		return err
	}
	h := rq.w.Header()
	h.Set("Last-Modified", info.Modified.UTC().Format(http.TimeFormat))
	if info.VersionID != "" && info.VersionID != strata.NullVersion {
		h.Set("X-Amz-Version-Id", info.VersionID)
	}
	out := getObjectAttributesOutput{XMLNS: s3NS}
	if want["ETag"] {
		out.ETag = info.ETag
	}
	if want["Checksum"] && len(info.Checksums) > 0 {
		out.Checksum = &xmlChecksum{checksumFields: newChecksumFields(info.Checksums), ChecksumType: checksumType(info)}
	}
	if want["ObjectParts"] && len(info.PartSizes) > 0 {
		out.ObjectParts = objectParts(info, marker, maxParts)
	}
	if want["StorageClass"] {
		out.StorageClass = storageClass(info)
	}
	if want["ObjectSize"] {
		out.ObjectSize = &info.Size
	}
	return rq.writeXML(http.StatusOK, out)
}

// attributePaging reads x-amz-max-parts and x-amz-part-number-marker.
func (rq *request) attributePaging() (maxParts, marker int, err error) {
	maxParts = 1000
	if s := rq.r.Header.Get("X-Amz-Max-Parts"); s != "" {
		if maxParts, err = strconv.Atoi(s); err != nil || maxParts < 0 {
			return 0, 0, errInvalidArg("Argument max-parts must be an integer between 0 and 2147483647")
		}
		maxParts = min(maxParts, 1000)
	}
	if s := rq.r.Header.Get("X-Amz-Part-Number-Marker"); s != "" {
		if marker, err = strconv.Atoi(s); err != nil || marker < 0 {
			return 0, 0, errInvalidArg("Argument part-number-marker must be an integer between 0 and 2147483647")
		}
	}
	return maxParts, marker, nil
}

// objectParts lists the parts of a multipart object after marker. As in
// S3, the parts themselves are listed only when they carry checksums.
func objectParts(info object.ObjectInfo, marker, maxParts int) *xmlObjectParts {
	op := &xmlObjectParts{MaxParts: maxParts, PartNumberMarker: marker, PartsCount: len(info.PartSizes)}
	if len(info.PartChecksums) != len(info.PartSizes) {
		return op
	}
	for i := marker; i < len(info.PartSizes); i++ {
		if len(op.Parts) >= maxParts {
			op.IsTruncated = true
			break
		}
		op.Parts = append(op.Parts, xmlObjectPart{PartNumber: i + 1, Size: info.PartSizes[i],
			checksumFields: newChecksumFields(info.PartChecksums[i])})
		op.NextPartNumberMarker = i + 1
	}
	return op
}
