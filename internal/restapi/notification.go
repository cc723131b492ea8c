package restapi

import (
	"errors"

	"github.com/strata-storage/strata/internal/event"
	"github.com/strata-storage/strata/internal/strata"
)

// notificationJSON turns the S3 XML of a notification configuration into
// the JSON it is stored as (targets are not checked here: S3 skips that
// too with X-Amz-Skip-Destination-Validation).
func notificationJSON(doc []byte) ([]byte, error) {
	cfg, err := event.ParseXML(doc)
	if err != nil {
		var ce *event.ConfigError
		if errors.As(err, &ce) {
			return nil, strata.Errorf("restapi", strata.Invalid, "%s: %s", ce.Code, ce.Message)
		}
		return nil, strata.Errorf("restapi", strata.Invalid, "MalformedXML: %v", err)
	}
	return cfg.JSON(), nil
}

func notificationXML(doc []byte) ([]byte, error) {
	cfg, err := event.ParseJSON(doc)
	if err != nil {
		return nil, strata.E("restapi", strata.Internal, err)
	}
	return cfg.XML(), nil
}
