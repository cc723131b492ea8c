package strata

import "time"

// Service types known to the conscience.
const (
	ServiceBlob    = "blob"    // one chunk volume (the seed's rawx)
	ServiceMeta    = "meta"    // a metadata shard member
	ServiceGateway = "gateway" // an S3/REST endpoint
	ServiceAgent   = "agent"   // a function agent
)

// Stats are the live metrics a service reports. Percentages are 0..100.
type Stats struct {
	CPUIdle    float64            `json:"cpu_idle"`        // percent of CPU idle on the host
	IOIdle     float64            `json:"io_idle"`         // percent of time the volume's disk is idle
	SpaceFree  float64            `json:"space_free"`      // percent of the volume free
	FreeBytes  int64              `json:"free_bytes"`      // bytes free on the volume
	TotalBytes int64              `json:"total_bytes"`     // bytes in the volume
	Extra      map[string]float64 `json:"extra,omitempty"` // other named metrics for formulas
}

// Service describes one registered service and its current score.
type Service struct {
	ID       string            `json:"id"`       // unique and stable, e.g. "blob-3f2a..."
	Type     string            `json:"type"`     // one of the Service* constants
	Addr     string            `json:"addr"`     // host:port for remote access; "" if in-process only
	Location Location          `json:"location"` // site.rack.host.volume
	Tags     map[string]string `json:"tags,omitempty"`
	Stats    Stats             `json:"stats"`
	Updated  time.Time         `json:"updated"` // when Stats were last reported
	Score    int               `json:"score"`   // 0..100, computed by the conscience
	Locked   bool              `json:"locked"`  // score pinned by an operator
}
