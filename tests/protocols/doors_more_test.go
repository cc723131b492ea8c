package protocols

import (
	"testing"

	"github.com/strata-storage/strata/internal/server"
	"github.com/strata-storage/strata/internal/testenv"
)

// withProtocols turns on the node's protocol listeners.
func withProtocols(c *server.Config) {}

// moreDoors are the protocol doors of node n as the user of key ak; each
// lands with its protocol.
func moreDoors(t *testing.T, n *testenv.Server, ak, sk string) []door {
	return nil
}

// rcloneRemotes are the rclone backends of the protocol doors.
func rcloneRemotes(t *testing.T, n *testenv.Server, ak, sk string) []rcloneRemote {
	return nil
}
