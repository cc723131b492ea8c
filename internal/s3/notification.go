package s3

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/strata"
)

// notification serves GET and PUT /{bucket}?notification. The
// configuration is stored as event.Config JSON under "notification",
// where the event dispatcher reads it.
func (rq *request) notification() error {
	if err := rq.ownerOnly(); err != nil {
		return err
	}
	switch rq.r.Method {
	case http.MethodGet:
		return rq.getNotification()
	case http.MethodPut:
		return rq.putNotification()
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}

func (rq *request) getNotification() error {
	var cfg event.Config
	doc, err := rq.h.svc.GetBucketConfig(rq.r.Context(), rq.bucket, "notification")
	switch {
	case strata.Is(err, strata.NotExist):
		// None set: AWS answers an empty document, not an error.
	case err != nil:
		return err
	default:
		if cfg, err = event.ParseJSON(doc); err != nil {
			return err
		}
	}
	body := cfg.XML()
	h := rq.w.Header()
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	rq.w.WriteHeader(http.StatusOK)
	rq.w.Write(body)
	return nil
}

func (rq *request) putNotification() error {
	ctx := rq.r.Context()
	doc, err := readLimited(rq.body, 1<<20)
	if err != nil {
		return err
	}
	cfg, err := event.ParseXML(doc)
	if err != nil {
		var ce *event.ConfigError
		if errors.As(err, &ce) {
			return errorf(ce.Code, http.StatusBadRequest, ce.Message)
		}
		return errMalformedXML
	}
	skip, _ := strconv.ParseBool(rq.r.Header.Get("X-Amz-Skip-Destination-Validation"))
	if check := rq.h.cfg.Targets; check != nil && !skip {
		for _, r := range cfg.Rules {
			if err := check(ctx, r.Target); err != nil {
				rq.h.log.Debug("notification target refused", "bucket", rq.bucket,
					"target", r.Target.ARN(rq.h.cfg.Region), "err", err, "request_id", rq.id)
				return errInvalidArg("Unable to validate the following destination configurations")
			}
		}
	}
	if len(cfg.Rules) == 0 {
		err = rq.h.svc.DeleteBucketConfig(ctx, rq.bucket, "notification")
		if strata.Is(err, strata.NotExist) {
			err = nil // clearing what is not set is not an error
		}
	} else {
		err = rq.h.svc.PutBucketConfig(ctx, rq.bucket, "notification", cfg.JSON())
	}
	if err != nil {
		return err
	}
	rq.w.WriteHeader(http.StatusOK)
	return nil
}
