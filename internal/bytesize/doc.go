// Package bytesize reads the sizes a user types: on the command line
// (--volume-cap 2TiB, --meta-cache 512MiB, bench --size 16MiB, quotas,
// QoS limits) and in the environment (STRATA_GC_FLOOR). One parser, so
// every place takes the same spellings and refuses the same mistakes.
package bytesize
