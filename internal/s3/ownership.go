package s3

import (
	"encoding/xml"
	"net/http"
)

type ownershipControls struct {
	XMLName xml.Name `xml:"OwnershipControls"`
	XMLNS   string   `xml:"xmlns,attr,omitempty"`
	Rules   []struct {
		ObjectOwnership string `xml:"ObjectOwnership"`
	} `xml:"Rule"`
}

// ownershipFromHeader reads x-amz-object-ownership of CreateBucket into
// the OwnershipControls document GetBucketOwnershipControls returns
// (nil if the header is absent).
func ownershipFromHeader(h http.Header) ([]byte, error) {
	v := h.Get("X-Amz-Object-Ownership")
	if v == "" {
		return nil, nil
	}
	switch v {
	case "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter":
	default:
		return nil, errInvalidArg("Invalid x-amz-object-ownership header: " + v)
	}
	oc := ownershipControls{XMLNS: s3NS}
	oc.Rules = append(oc.Rules, struct {
		ObjectOwnership string `xml:"ObjectOwnership"`
	}{v})
	doc, err := xml.Marshal(oc)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), doc...), nil
}
