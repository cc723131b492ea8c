package s3

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strings"

	"github.com/strata-storage/strata/internal/object"
)

// restorer is the optional ability of an object service to restore
// archived versions (object.Service has it).
type restorer interface {
	RestoreObject(ctx context.Context, bucket, key, versionID string, days int, tier string) (object.RestoreResult, error)
}

func init() {
	codeStatus["InvalidObjectState"] = 403
	codeStatus["RestoreAlreadyInProgress"] = 409
	awsMessages["InvalidObjectState"] = "The operation is not valid for the object's storage class"
	awsMessages["RestoreAlreadyInProgress"] = "Object restore is already in progress"
}

// restoreRequest is the body of POST ?restore.
type restoreRequest struct {
	XMLName              xml.Name `xml:"RestoreRequest"`
	Days                 *int     `xml:"Days"`
	Type                 string   `xml:"Type"`
	Tier                 string   `xml:"Tier"`
	GlacierJobParameters *struct {
		Tier string `xml:"Tier"`
	} `xml:"GlacierJobParameters"`
	OutputLocation *struct{} `xml:"OutputLocation"`
	SelectParams   *struct{} `xml:"SelectParameters"`
}

// maxRestoreDays bounds Days so that an expiry stays a valid time.
const maxRestoreDays = 36500

// parseRestoreRequest reads a RestoreRequest: the days of the copy and
// the retrieval tier (Expedited, Standard or Bulk; "" = Standard).
// Select restores (Type SELECT, OutputLocation) are not implemented.
func parseRestoreRequest(b []byte) (days int, tier string, err error) {
	var req restoreRequest
	if err := xml.Unmarshal(b, &req); err != nil {
		return 0, "", errMalformedXML
	}
	if req.Type != "" || req.OutputLocation != nil || req.SelectParams != nil {
		return 0, "", errNotImplemented
	}
	if req.Days == nil {
		return 0, "", errMalformedXML
	}
	if *req.Days < 1 || *req.Days > maxRestoreDays {
		return 0, "", errInvalidArg("Days must be between 1 and 36500.")
	}
	tier = req.Tier
	if req.GlacierJobParameters != nil {
		tier = req.GlacierJobParameters.Tier
	}
	switch tier {
	case "":
		tier = "Standard"
	case "Expedited", "Standard", "Bulk":
	default:
		return 0, "", errMalformedXML
	}
	return *req.Days, tier, nil
}

// restoreObject answers POST /bucket/key?restore: 202 when a restore
// starts, 200 when a restored copy existed (its expiry moves), 409
// RestoreAlreadyInProgress while one runs.
func (rq *request) restoreObject() error {
	if err := rq.allow(permWrite, nil); err != nil {
		return err
	}
	rs, ok := rq.h.svc.(restorer)
	if !ok {
		return errNotImplemented
	}
	b, err := io.ReadAll(io.LimitReader(rq.body, 64<<10+1))
	if err != nil {
		return err
	}
	if len(b) > 64<<10 {
		return errorf("MalformedXML", 400, "The XML you provided was too large.")
	}
	days, tier, err := parseRestoreRequest(b)
	if err != nil {
		return err
	}
	res, err := rs.RestoreObject(rq.r.Context(), rq.bucket, rq.key, rq.get("versionId"), days, tier)
	if err != nil {
		return rq.objectError(object.ObjectInfo{}, err)
	}
	if res.Started {
		rq.w.WriteHeader(http.StatusAccepted)
	} else {
		rq.w.WriteHeader(http.StatusOK)
	}
	return nil
}

// restoreHeader is x-amz-restore for a version's restore state ("" =
// none): ongoing-request="true" while the copy is made, then
// ongoing-request="false", expiry-date="<RFC 1123 GMT>".
func restoreHeader(st *object.RestoreStatus) string {
	switch {
	case st == nil:
		return ""
	case st.Ongoing:
		return `ongoing-request="true"`
	case st.Restored():
		return `ongoing-request="false", expiry-date="` + st.Expiry.UTC().Format(http.TimeFormat) + `"`
	}
	return ""
}

// xmlRestoreStatus is an archived object's restore state in a listing.
type xmlRestoreStatus struct {
	IsRestoreInProgress bool   `xml:"IsRestoreInProgress"`
	RestoreExpiryDate   string `xml:"RestoreExpiryDate,omitempty"`
}

// restoreStatus is the listing's RestoreStatus of o, when the request
// asks for it (x-amz-optional-object-attributes: RestoreStatus) and o
// has a restore.
func (rq *request) restoreStatus(o object.ObjectInfo) *xmlRestoreStatus {
	st := o.Restore
	if st == nil || !strings.Contains(rq.r.Header.Get("X-Amz-Optional-Object-Attributes"), "RestoreStatus") {
		return nil
	}
	x := &xmlRestoreStatus{IsRestoreInProgress: st.Ongoing}
	if st.Restored() {
		x.RestoreExpiryDate = isoTime(st.Expiry)
	}
	return x
}

func setRestoreHeader(h http.Header, info object.ObjectInfo) {
	if v := restoreHeader(info.Restore); v != "" {
		h.Set("X-Amz-Restore", v)
	}
}
