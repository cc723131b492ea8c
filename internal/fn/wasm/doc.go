// Package wasm runs Strata functions compiled to WebAssembly (WASI
// preview1, e.g. GOOS=wasip1 GOARCH=wasm) with wazero. It implements
// invoke.Runtime.
//
// Every invocation gets a fresh module instance: nothing survives from
// one run to the next. Compiled code is cached in memory (an LRU keyed
// by memory limit and digest) and, with Options.CacheDir, on disk, so
// only the first run of a module on a node pays for compilation.
//
// Guests see WASI with stdin (the payload), stdout and stderr (the log),
// args, env, clocks and randomness, but no files and no network. The
// host module "strata" adds object access scoped by invoke.Host:
//
//	object_open(bucket_ptr, bucket_len, key_ptr, key_len i32) i32   handle or -errno
//	object_size(handle i32) i64                                      size or -errno
//	object_read(handle, buf_ptr, buf_len i32) i32                    bytes read, 0 at EOF, or -errno
//	object_close(handle i32) i32                                     0 or -errno
//	object_write(bucket_ptr, bucket_len, key_ptr, key_len,
//	             data_ptr, data_len, ctype_ptr, ctype_len i32) i32   0 or -errno
//	log(ptr, len i32)
//
// The error numbers are listed in errno.go; sdk/fn turns them back into
// Go errors.
package wasm
