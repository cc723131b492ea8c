// Package fsserver serves the file API (internal/fsapi) over the object
// service: the gateway side of every mount and file protocol. It decides
// what each operation needs (Access: the S3 action on the same key) and
// leaves the decision to the Authorizer the server wires in.
package fsserver
