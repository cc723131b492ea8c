package archivetest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/strata-storage/strata/internal/testenv"
)

// TestRemoteTierMinIO runs TestRemoteTier's steps with MinIO as the
// remote tier: writes of the class land in MinIO's bucket (a large one
// by multipart upload), GET and ranged GET read through, and deletes
// reach MinIO. It needs a MinIO binary, which the repository never holds:
// STRATA_PEER_MINIO=/path/to/minio (scripts/tier-peers.sh sets it).
func TestRemoteTierMinIO(t *testing.T) {
	bin := os.Getenv("STRATA_PEER_MINIO")
	if bin == "" {
		t.Skip("set STRATA_PEER_MINIO to a MinIO binary to run the tier against MinIO")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const ak, sk = "tierminioaccess", "tierminiosecret1234"
	cmd := exec.Command(bin, "server", "--address", addr, "--console-address", "127.0.0.1:0", t.TempDir())
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+ak, "MINIO_ROOT_PASSWORD="+sk)
	log, _ := os.Create(t.TempDir() + "/minio.log")
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	endpoint := "http://" + addr
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(endpoint + "/minio/health/ready")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("MinIO not ready at %s: %v", endpoint, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	out, _ := exec.Command(bin, "--version").Output()
	t.Logf("remote tier: %s", fmt.Sprintf("%.60s", out))
	remoteTier(t, testenv.S3Client(endpoint, ak, sk), endpoint, ak, sk)
}
