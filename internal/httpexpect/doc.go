// Package httpexpect lets the S3 listener answer requests whose Expect
// header is not "100-continue" as AWS does: by serving them. net/http
// answers every such request 417 Expectation Failed before any handler
// runs, and has no option to change that.
//
// Listen wraps the gateway's listener (above TLS, so it sees plaintext).
// Each connection follows HTTP/1.1 request framing — header block,
// Content-Length body, next header block — and renames an unsupported
// Expect header to Header on the wire. Bodies pass through uncopied; only
// header blocks are buffered. A chunked body, an Upgrade or a CONNECT ends
// the tracking for that connection, which is then passed through as is.
// Restore, called first by the handler, puts the header back under its own
// name (a client may have signed it) and fills Request.TLS, which net/http
// leaves nil once the *tls.Conn is wrapped.
//
// It sits between internal/tlsutil's listener and the gateway's
// http.Server in internal/server, and depends on the standard library only.
package httpexpect
