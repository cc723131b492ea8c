package s3

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/strata"
)

// S3 Object Lock: the bucket's ?object-lock configuration, each
// version's ?retention and ?legal-hold, the x-amz-object-lock-* headers
// of writes and reads. The rules themselves live in the object service
// (object/lock.go), so that every door enforces them.

var (
	errLockMissing   = errInvalidRequest("Bucket is missing ObjectLockConfiguration")
	errNoObjectLock  = errorf("NoSuchObjectLockConfiguration", 404, "The specified object does not have a ObjectLock configuration")
	errNoBucketLock  = errorf("ObjectLockConfigurationNotFoundError", 404, "Object Lock configuration does not exist for this bucket")
	errRetentionDays = errorf("InvalidRetentionPeriod", 400, "Default retention period must be a positive integer value.")
)

// Longest default retention accepted, as AWS: 100 years.
const (
	maxRetentionDays  = 36500
	maxRetentionYears = 100
)

type objectLockConfiguration struct {
	XMLName           xml.Name  `xml:"ObjectLockConfiguration"`
	XMLNS             string    `xml:"xmlns,attr,omitempty"`
	ObjectLockEnabled string    `xml:"ObjectLockEnabled,omitempty"`
	Rule              *lockRule `xml:"Rule,omitempty"`
}

type lockRule struct {
	DefaultRetention *defaultRetention `xml:"DefaultRetention"`
}

type defaultRetention struct {
	Mode  string `xml:"Mode,omitempty"`
	Days  *int   `xml:"Days,omitempty"`
	Years *int   `xml:"Years,omitempty"`
}

type xmlRetention struct {
	XMLName         xml.Name `xml:"Retention"`
	XMLNS           string   `xml:"xmlns,attr,omitempty"`
	Mode            string   `xml:"Mode,omitempty"`
	RetainUntilDate string   `xml:"RetainUntilDate,omitempty"`
}

type xmlLegalHold struct {
	XMLName xml.Name `xml:"LegalHold"`
	XMLNS   string   `xml:"xmlns,attr,omitempty"`
	Status  string   `xml:"Status"`
}

func validMode(m string) bool { return m == object.LockGovernance || m == object.LockCompliance }

// parseLockConfig validates a PutObjectLockConfiguration body.
func parseLockConfig(doc []byte) (object.LockConfig, error) {
	var c objectLockConfiguration
	if xml.Unmarshal(doc, &c) != nil || c.ObjectLockEnabled != "Enabled" {
		return object.LockConfig{}, errMalformedXML
	}
	if c.Rule == nil {
		return object.LockConfig{}, nil
	}
	d := c.Rule.DefaultRetention
	if d == nil || !validMode(d.Mode) || (d.Days == nil) == (d.Years == nil) {
		return object.LockConfig{}, errMalformedXML
	}
	out := object.LockConfig{Mode: d.Mode}
	if d.Days != nil {
		if *d.Days <= 0 || *d.Days > maxRetentionDays {
			return out, errRetentionDays
		}
		out.Days = *d.Days
	} else {
		if *d.Years <= 0 || *d.Years > maxRetentionYears {
			return out, errRetentionDays
		}
		out.Years = *d.Years
	}
	return out, nil
}

// parseRetention validates a PutObjectRetention body; mode "" removes
// the retention.
func parseRetention(doc []byte) (mode string, until time.Time, err error) {
	var r xmlRetention
	if xml.Unmarshal(doc, &r) != nil {
		return "", until, errMalformedXML
	}
	if r.Mode == "" && r.RetainUntilDate == "" {
		return "", until, nil
	}
	if !validMode(r.Mode) || r.RetainUntilDate == "" {
		return "", until, errMalformedXML
	}
	until, err = parseLockDate(r.RetainUntilDate)
	if err != nil {
		return "", until, errMalformedXML
	}
	return r.Mode, until, nil
}

// parseLegalHold validates a PutObjectLegalHold body.
func parseLegalHold(doc []byte) (string, error) {
	var h xmlLegalHold
	if xml.Unmarshal(doc, &h) != nil || (h.Status != object.HoldOn && h.Status != object.HoldOff) {
		return "", errMalformedXML
	}
	return h.Status, nil
}

// parseLockDate reads an ISO 8601 date and time, as clients send them.
func parseLockDate(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	return t.UTC(), err
}

// lockFromHeaders reads the x-amz-object-lock-* headers of a write
// (PUT, copy, multipart create); nil when there are none.
func (rq *request) lockFromHeaders() (*object.ObjectLock, error) {
	return rq.lockFrom(rq.r.Header.Get)
}

// lockFrom reads the x-amz-object-lock-* values of a write from get
// (headers, or the form fields of a browser POST), by lower-case name.
func (rq *request) lockFrom(get func(name string) string) (*object.ObjectLock, error) {
	mode, date := get("x-amz-object-lock-mode"), get("x-amz-object-lock-retain-until-date")
	hold := get("x-amz-object-lock-legal-hold")
	if mode == "" && date == "" && hold == "" {
		return nil, nil
	}
	b, err := rq.h.svc.GetBucket(rq.r.Context(), rq.bucket)
	if err != nil {
		return nil, err
	}
	if !b.ObjectLock {
		return nil, errLockMissing
	}
	l := &object.ObjectLock{}
	if (mode == "") != (date == "") {
		return nil, errInvalidArg("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied")
	}
	if mode != "" {
		if !validMode(mode) {
			return nil, errInvalidArg("Unknown wormMode directive.")
		}
		until, err := parseLockDate(date)
		if err != nil {
			return nil, errInvalidArg("The retain until date must be provided in ISO 8601 format")
		}
		if !until.After(time.Now()) {
			return nil, errInvalidArg("The retain until date must be in the future!")
		}
		l.Mode, l.Until = mode, until
	}
	if hold != "" {
		if hold != object.HoldOn && hold != object.HoldOff {
			return nil, errInvalidArg("Legal Hold must be either of 'ON' or 'OFF'")
		}
		l.LegalHold = hold
	}
	return l, nil
}

// setLockHeaders adds a version's lock to the headers of GET and HEAD.
func setLockHeaders(h http.Header, l *object.ObjectLock) {
	if l == nil {
		return
	}
	if l.Mode != "" {
		h.Set("X-Amz-Object-Lock-Mode", l.Mode)
		h.Set("X-Amz-Object-Lock-Retain-Until-Date", isoTime(l.Until))
	}
	if l.LegalHold != "" {
		h.Set("X-Amz-Object-Lock-Legal-Hold", l.LegalHold)
	}
}

// locker returns the Object Lock ability of the object service.
func (rq *request) locker() (object.LockAPI, error) {
	l, ok := rq.h.svc.(object.LockAPI)
	if !ok {
		return nil, errNotImplemented
	}
	return l, nil
}

// objectLockConfig serves GET and PUT ?object-lock on a bucket.
func (rq *request) objectLockConfig() error {
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	l, err := rq.locker()
	if err != nil {
		return err
	}
	ctx := rq.r.Context()
	switch rq.r.Method {
	case http.MethodGet:
		cfg, err := l.GetLockConfig(ctx, rq.bucket)
		if strata.Is(err, strata.NotExist) { // the bucket exists (loadBucket)
			return errNoBucketLock
		}
		if err != nil {
			return err
		}
		out := objectLockConfiguration{XMLNS: s3NS, ObjectLockEnabled: "Enabled"}
		if cfg.Mode != "" {
			d := &defaultRetention{Mode: cfg.Mode}
			if cfg.Days > 0 {
				d.Days = &cfg.Days
			} else {
				d.Years = &cfg.Years
			}
			out.Rule = &lockRule{DefaultRetention: d}
		}
		return rq.writeXML(http.StatusOK, out)
	case http.MethodPut:
		doc, err := readLimited(rq.body, 64<<10)
		if err != nil {
			return err
		}
		cfg, err := parseLockConfig(doc)
		if err != nil {
			return err
		}
		if err := l.PutLockConfig(ctx, rq.bucket, cfg); err != nil {
			return err
		}
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

// lockedVersion reads the version a ?retention or ?legal-hold request
// names, in a bucket that must have Object Lock.
func (rq *request) lockedVersion() (object.ObjectInfo, error) {
	ctx := rq.r.Context()
	b, err := rq.h.svc.GetBucket(ctx, rq.bucket)
	if err != nil {
		return object.ObjectInfo{}, err
	}
	if !b.ObjectLock {
		return object.ObjectInfo{}, errLockMissing
	}
	info, err := rq.h.svc.HeadObject(ctx, rq.bucket, rq.key, object.GetOptions{VersionID: rq.get("versionId")})
	if err != nil {
		return info, rq.objectError(info, err)
	}
	return info, nil
}

// objectRetention serves GET and PUT ?retention on an object.
func (rq *request) objectRetention() error {
	return rq.lockSubresource(func(info object.ObjectInfo) error {
		l := info.ObjectLock
		if l == nil || l.Mode == "" {
			return errNoObjectLock
		}
		return rq.writeXML(http.StatusOK, xmlRetention{XMLNS: s3NS, Mode: l.Mode, RetainUntilDate: isoTime(l.Until)})
	}, func(l object.LockAPI, doc []byte) error {
		mode, until, err := parseRetention(doc)
		if err != nil {
			return err
		}
		_, err = l.PutRetention(rq.governanceContext(), rq.bucket, rq.key, rq.get("versionId"), mode, until)
		return err
	})
}

// objectLegalHold serves GET and PUT ?legal-hold on an object.
func (rq *request) objectLegalHold() error {
	return rq.lockSubresource(func(info object.ObjectInfo) error {
		l := info.ObjectLock
		if l == nil || l.LegalHold == "" {
			return errNoObjectLock
		}
		return rq.writeXML(http.StatusOK, xmlLegalHold{XMLNS: s3NS, Status: l.LegalHold})
	}, func(l object.LockAPI, doc []byte) error {
		status, err := parseLegalHold(doc)
		if err != nil {
			return err
		}
		_, err = l.PutLegalHold(rq.r.Context(), rq.bucket, rq.key, rq.get("versionId"), status)
		return err
	})
}

// lockSubresource runs the shared part of ?retention and ?legal-hold.
func (rq *request) lockSubresource(get func(object.ObjectInfo) error, put func(object.LockAPI, []byte) error) error {
	switch rq.r.Method {
	case http.MethodGet:
		info, err := rq.lockedVersion()
		if err != nil {
			return err
		}
		if err := rq.allow(permRead, aclOrOwner(info)); err != nil {
			return err
		}
		return get(info)
	case http.MethodPut:
		if err := rq.allow(permWrite, nil); err != nil {
			return err
		}
		if _, err := rq.lockedVersion(); err != nil {
			return err
		}
		l, err := rq.locker()
		if err != nil {
			return err
		}
		doc, err := readLimited(rq.body, 64<<10)
		if err != nil {
			return err
		}
		if err := put(l, doc); err != nil {
			if strata.Is(err, strata.NotExist) {
				return rq.objectError(object.ObjectInfo{}, err)
			}
			return err
		}
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}
