package object

import "sync"

// copyPool holds 1 MiB buffers for streaming object data.
var copyPool = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}
