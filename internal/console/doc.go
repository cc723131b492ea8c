// Package console serves Strata's web console: a single-page application
// (sources in web/console, built by esbuild into dist/ and embedded here)
// on its own listener, default 127.0.0.1:9001.
//
// The console holds no authority of its own. A browser logs in with an
// access key and secret, which the server checks against the IAM cache and
// then keeps only server-side, or with an account, user name and password,
// for which the server mints temporary STS credentials of that user (see
// Passwords) and keeps them server-side the same way: the browser gets an opaque session cookie
// (HttpOnly, SameSite=Strict, Secure under TLS) and a CSRF token. Every
// API call the page makes (the native REST API under /_strata/api/v1/, the
// S3 and IAM APIs for object data and identities, the admin endpoints) is
// re-signed with SigV4 using the session's key and handed in-process to
// the gateway's own handler. So the console is authorized by exactly the
// same policy evaluation as any S3 client: a read-only user's upload is
// refused by the gateway, not by the page.
//
// It sits beside the S3 gateway (internal/server wires it) and imports
// neither the object layer nor the S3 handler: it only sees an
// http.Handler and a Keys lookup.
package console
