// Package protect turns one metachunk into the fragments a storage policy
// asks for (N copies, or k data + m parity fragments with Reed-Solomon) and
// back, streaming with bounded memory. It knows nothing of volumes or
// objects: the caller supplies functions that store and open fragments.
package protect
