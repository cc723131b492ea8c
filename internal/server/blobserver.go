package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/strata-storage/strata/internal/blob"
	"github.com/strata-storage/strata/internal/strata"
)

// clusterTokenHeader carries the shared secret on node-to-node requests.
const clusterTokenHeader = "X-Strata-Cluster-Token"

// clusterToken derives the node-to-node secret from the root secret, which
// every node of a cluster shares.
func clusterToken(rootSecret string) string {
	m := hmac.New(sha256.New, []byte(rootSecret))
	m.Write([]byte("strata-cluster-v1"))
	return hex.EncodeToString(m.Sum(nil))
}

// serveBlobs exposes every local volume under /v/{volume}/ for the other
// nodes' gateways: chunk I/O goes straight from gateways to here.
func (n *Node) serveBlobs() error {
	mux := http.NewServeMux()
	for _, id := range n.vols.LocalServices() {
		st, _ := n.vols.Store(id)
		mux.Handle("/v/"+id+"/", http.StripPrefix("/v/"+id, blob.NewServer(st, n.log)))
	}
	token := []byte(n.token)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get(clusterTokenHeader)), token) != 1 {
			http.Error(w, "bad cluster token", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
	ln, err := n.listen(n.cfg.BlobAddr, true)
	if err != nil {
		return strata.E("server.serveBlobs", strata.Unavailable, err)
	}
	n.blobSrv = &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 5 * time.Minute}
	n.goLoop(func() {
		if err := n.blobSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			n.log.Error("blob server stopped", "err", err)
		}
	})
	n.log.Info("blob server ready", "addr", ln.Addr().String(), "volumes", n.vols.LocalServices())
	return nil
}

// tokenTransport adds the cluster token to every request.
type tokenTransport struct {
	base  http.RoundTripper
	token string
}

func (t tokenTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(clusterTokenHeader, t.token)
	return t.base.RoundTrip(r)
}
