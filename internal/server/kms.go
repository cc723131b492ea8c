package server

import (
	"context"

	"github.com/strata-storage/strata/internal/kms"
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
