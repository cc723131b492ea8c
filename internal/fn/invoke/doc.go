// Package invoke holds what the function runtimes share: the invocation
// they run, its limits, the host services a function may use, and the
// result. The WebAssembly runtime (internal/fn/wasm) and the sandboxed
// process runtime (internal/fn/native) both implement Runtime.
package invoke
