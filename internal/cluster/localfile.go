package cluster

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/strata-storage/strata/internal/strata"
)

// LocalFile is DIR/cluster.json, written by `strata cluster local`: what
// tests, benchmarks and operators need to reach, kill and restart nodes.
type LocalFile struct {
	Credentials string      `json:"credentials"`  // root credentials file (0600)
	Ready       bool        `json:"ready"`        // every gateway scores every volume
	CA          string      `json:"ca,omitempty"` // cluster CA (PEM) when the cluster runs on TLS
	Nodes       []LocalNode `json:"nodes"`
}

// LocalNode is one node process of a local cluster.
type LocalNode struct {
	Name    string   `json:"name"`
	PID     int      `json:"pid"`     // 0 when not running
	S3      string   `json:"s3"`      // S3 endpoint URL
	Blob    string   `json:"blob"`    // blob server address
	Meta    string   `json:"meta"`    // metadata member client URL, "" if none
	Data    string   `json:"data"`    // data folder
	Log     string   `json:"log"`     // log file
	Args    []string `json:"args"`    // strata arguments that start it
	Volumes []string `json:"volumes"` // volume folders
}

// LocalFileName is the file's name in the cluster folder.
const LocalFileName = "cluster.json"

// ReadLocalFile reads DIR/cluster.json.
func ReadLocalFile(dir string) (LocalFile, error) {
	var f LocalFile
	b, err := os.ReadFile(filepath.Join(dir, LocalFileName))
	if err != nil {
		return f, strata.E("cluster.ReadLocalFile", strata.NotExist, err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, strata.E("cluster.ReadLocalFile", strata.Corrupt, err)
	}
	return f, nil
}

// WriteLocalFile replaces DIR/cluster.json atomically.
func WriteLocalFile(dir string, f LocalFile) error {
	b, _ := json.MarshalIndent(f, "", "  ")
	tmp := filepath.Join(dir, LocalFileName+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return strata.E("cluster.WriteLocalFile", strata.Internal, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, LocalFileName)); err != nil {
		return strata.E("cluster.WriteLocalFile", strata.Internal, err)
	}
	return nil
}

// Node returns the node of that name.
func (f LocalFile) Node(name string) (LocalNode, int, bool) {
	for i, n := range f.Nodes {
		if n.Name == name {
			return n, i, true
		}
	}
	return LocalNode{}, -1, false
}
