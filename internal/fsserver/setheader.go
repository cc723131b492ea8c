package fsserver

import (
	"encoding/json"
	"net/http"

	"github.com/strata-storage/strata/internal/fsapi"
	"github.com/strata-storage/strata/internal/object"
)

// setHeader reads the attribute changes a mount sends with a publish
// (fsapi.SetAttrHeader), if any; they need publish.
func setHeader(r *http.Request, publish bool) (*object.SetAttr, error) {
	v := r.Header.Get(fsapi.SetAttrHeader)
	if v == "" {
		return nil, nil
	}
	var set object.SetAttr
	if !publish || json.Unmarshal([]byte(v), &set) != nil {
		return nil, badArg(fsapi.SetAttrHeader)
	}
	return &set, nil
}
