// Package swifttest drives the Swift API of an in-process node with the
// real python-swiftclient CLI and with plain HTTP, and checks that Swift
// and S3 see the same objects.
package swifttest
