// Package native runs native programs (gzip, ffmpeg, ...) as functions,
// for work WebAssembly cannot do. Each invocation is a sandboxed child
// process: it starts through a re-exec shim (ShimMain) that applies
// rlimits and drops privileges before exec'ing the program, in fresh
// mount, PID, IPC, UTS and network namespaces (so no network) when the
// kernel allows, in its own cgroup v2 when one is writable, with a clean
// environment and a throwaway working directory.
//
// The runtime streams the triggering object (or the event payload) to
// the program's stdin and, when the spec names an output key, streams
// stdout into that object. stderr is the function's log.
package native
