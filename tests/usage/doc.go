// Package usagetest drives real servers with S3 clients whose every byte
// is counted on the client side, and checks that usage accounting
// (internal/usage) reports exactly the same requests and bytes, across
// clean restarts and SIGKILLs of gateways.
package usagetest
