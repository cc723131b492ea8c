// Package tier is the registry of remote tiers: other S3 endpoints
// (another Strata, MinIO, AWS) that a storage class may keep its data on
// (object.StorageClass.Tier). Tiers live in the root metadata engine with
// their secret key sealed under the cluster key; Remote gives the object
// service a client of one tier (put, ranged read, delete of one remote
// object), so that reads go through transparently.
//
// It sits beside iam (whose Sealer it uses) and below the server, which
// wires it into the object service and the REST API; it never imports
// object.
package tier
