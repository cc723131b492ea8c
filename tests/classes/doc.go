// Package classestest checks storage pools and classes on in-process
// nodes whose volumes are in pools: a class's objects land only on its
// pool's volumes (seen as chunk files on disk), Rewrite moves a version
// to another class keeping its identity, a class change is converged by
// the improver, and the class API and CLI manage the definitions.
package classestest
