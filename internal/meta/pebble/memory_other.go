//go:build !linux

package pebble

// machineMemory returns 0 (unknown) where sysinfo(2) is not available.
func machineMemory() int64 { return 0 }
