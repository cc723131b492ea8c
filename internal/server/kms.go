package server

import (
	"context"
	"net/http"

	"github.com/strata-storage/strata/internal/kms"
	"github.com/strata-storage/strata/internal/s3/auth"
	"github.com/strata-storage/strata/internal/strata"
)

// startKMS gives the object service the built-in KMS: keys in the root
// engine, wrapped by the master key of --kms-master-key-file,
// STRATA_KMS_MASTER_KEY or DATA/kms-master.key (generated on first start).
// Every gateway of a cluster must be given the same master key.
func (n *Node) startKMS(ctx context.Context) error {
	master, generated, err := kms.LoadMasterKey(n.cfg.KMSMasterKeyFile, n.cfg.KMSMasterKey, n.cfg.DataDir)
	if err != nil {
		return err
	}
	if generated {
		n.log.Info("generated a KMS master key; give every gateway of a cluster the same key (--kms-master-key-file)",
			"file", n.cfg.DataDir+"/kms-master.key")
	}
	k, err := kms.NewBuiltin(n.engine, master)
	if err != nil {
		return err
	}
	k.AutoCreate = n.cfg.KMSAutoCreate
	for _, name := range n.cfg.KMSKeys {
		if err := k.Ensure(ctx, name); err != nil {
			return err
		}
	}
	n.Objects.SetKMS(k)
	return nil
}

// kmsRoutes adds the key administration API (root only).
func (n *Node) kmsRoutes(mux *http.ServeMux, v *auth.Verifier) {
	h := func(fn func(r *http.Request, a kms.Admin) (any, error)) http.HandlerFunc {
		return n.rootOnly(v, func(w http.ResponseWriter, r *http.Request) {
			var a kms.Admin
			if n.Objects != nil {
				a, _ = n.Objects.KMS().(kms.Admin)
			}
			if a == nil {
				writeResult(w, nil, strata.Errorf("admin.kms", strata.Unavailable, "no KMS with key administration on this node"))
				return
			}
			out, err := fn(r, a)
			writeResult(w, out, err)
		})
	}
	mux.HandleFunc("GET /_strata/admin/kms/keys", h(func(r *http.Request, a kms.Admin) (any, error) {
		return a.List(r.Context())
	}))
	mux.HandleFunc("POST /_strata/admin/kms/keys/{name}", h(func(r *http.Request, a kms.Admin) (any, error) {
		return a.Create(r.Context(), r.PathValue("name"))
	}))
	mux.HandleFunc("POST /_strata/admin/kms/keys/{name}/rotate", h(func(r *http.Request, a kms.Admin) (any, error) {
		return a.Rotate(r.Context(), r.PathValue("name"))
	}))
	mux.HandleFunc("POST /_strata/admin/kms/keys/{name}/disable", h(func(r *http.Request, a kms.Admin) (any, error) {
		return a.Disable(r.Context(), r.PathValue("name"))
	}))
	mux.HandleFunc("POST /_strata/admin/kms/keys/{name}/enable", h(func(r *http.Request, a kms.Admin) (any, error) {
		return a.Enable(r.Context(), r.PathValue("name"))
	}))
}
