// Package deps holds no code: its test keeps Strata's layers in their
// order, as tailscale's deptest does. The storage core (meta, directory,
// blob, object) knows nothing of the doors above it; the file doors reach
// the core only through the file API; and no protocol imports another,
// so that a new protocol is a new folder that touches no other one.
package deps
