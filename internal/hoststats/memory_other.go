//go:build !linux

package hoststats

// Memory returns 0 (unknown) where sysinfo(2) is not available.
func Memory() int64 { return 0 }
