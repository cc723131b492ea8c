// Package expect wraps the S3 listener so that an Expect header whose
// value is not 100-continue is ignored, as S3 ignores it, instead of
// being answered 417 Expectation Failed by net/http.
//
// net/http sends the 417 itself, after reading the request header and
// before any handler or hook runs, so the header has to be changed on
// its way in: the connection watches the HTTP/1 byte stream, finds each
// request's header block and renames such Expect lines to Alias, same
// length. It follows Content-Length bodies to find the next request of a
// keep-alive connection, and stops looking (passes bytes through) at
// anything it does not follow exactly: chunked bodies, upgrades, CONNECT,
// folded or malformed headers. Renaming never changes a byte count, so
// even a wrong guess cannot change how net/http frames the stream.
//
// It sits between net.Listen and http.Server in internal/server; s3/auth
// reads Alias back when a client signed its Expect header.
package expect
