package object

import "strings"

// StorageClass is what an S3 storage class means in this cluster: the
// pool of volumes its data is placed in, and how it is protected. Classes
// are configured cluster-wide (see the class store); a class that is not
// configured falls back to the cluster default placement and policy.
type StorageClass struct {
	Name string `json:"name"` // S3 name: STANDARD, STANDARD_IA, GLACIER, ...
	// Pool is the value of the "pool" tag of the volumes that hold the
	// class's data ("" = any volume).
	Pool string `json:"pool,omitempty"`
	// Policy protects objects of ECMinSize bytes and more, SmallPolicy
	// the smaller ones ("" = the cluster's choice, as without classes).
	// Bodies up to the service's InlineMax stay in meta2 whatever the class.
	Policy      string `json:"policy,omitempty"`
	SmallPolicy string `json:"small_policy,omitempty"`
	ECMinSize   int64  `json:"ec_min_size,omitempty"`
	// Tier names a remote tier: the class's data lives on another S3
	// endpoint and is read through ("" = on this cluster's volumes).
	Tier string `json:"tier,omitempty"`
	// MinSites, when 2 or more, acknowledges a write only once its
	// fragments are stored on at least that many sites (synchronous
	// replication across the sites of a stretched cluster).
	MinSites int `json:"min_sites,omitempty"`
}

// PoolTag is the service tag that puts a volume in a pool.
const PoolTag = "pool"

// IsArchiveClass reports whether objects of the class must be restored
// before they can be read, as S3's GLACIER and DEEP_ARCHIVE (GLACIER_IR
// is read directly).
func IsArchiveClass(class string) bool {
	switch strings.ToUpper(class) {
	case "GLACIER", "DEEP_ARCHIVE":
		return true
	}
	return false
}
