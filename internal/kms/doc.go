// Package kms is Strata's key management: it hands the object service a
// fresh data key for each encrypted object and unseals the data keys it
// stored before. The KMS interface is the whole contract the object
// service sees, so that an external KMS (Vault, AWS KMS, KES) can stand in
// for the built-in one later.
//
// The built-in KMS (Builtin) keeps named keys in the root metadata engine,
// so every gateway of a cluster sees the same keys. Each key has versions;
// a version's key material is wrapped by the master key, which comes from
// a file or the environment and never reaches the metadata store.
// Rotation adds a version and never touches stored data: a sealed data key
// names the version that sealed it.
package kms
