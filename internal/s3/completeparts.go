package s3

import "github.com/strata-storage/strata/internal/object"

// completeParts reads the part list of CompleteMultipartUpload. A part
// number listed twice in a row (a client that re-sent a part and kept
// both answers) counts once, with its last ETag: the part stored is the
// upload that finished last, which is what that ETag names.
func completeParts(req completeMultipartUpload) []object.CompletePart {
	parts := make([]object.CompletePart, 0, len(req.Parts))
	for _, p := range req.Parts {
		cp := object.CompletePart{Number: p.PartNumber, ETag: p.ETag}
		if n := len(parts); n > 0 && parts[n-1].Number == cp.Number {
			parts[n-1] = cp
			continue
		}
		parts = append(parts, cp)
	}
	return parts
}
