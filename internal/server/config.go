package server

import (
	"log/slog"
	"time"

	"github.com/strata-storage/strata/internal/conscience"
	"github.com/strata-storage/strata/internal/protect"
	"github.com/strata-storage/strata/internal/strata"
	"github.com/strata-storage/strata/internal/tlsutil"
)

// Config describes one node on the embedded default.
type Config struct {
	DataDir   string   // metadata, credentials and the default volume
	Volumes   []string // chunk volume folders; empty = DataDir/volumes/0
	VolumeCap int64    // bytes each volume may hold; 0 = its file system's size
	S3Addr    string   // S3 listen address
	// ConsoleAddr is the web console's listen address; "" = no console
	// (the CLI's default is 127.0.0.1:9001).
	ConsoleAddr string
	// File protocols over the same namespace (issue 12); "" = off. Each
	// serves every bucket the logged-in user may reach as /BUCKET.
	NFSAddr    string   // NFSv3 (MOUNT and NFS on one port)
	SFTPAddr   string   // SFTP over SSH
	FTPAddr    string   // FTP, with explicit TLS (AUTH TLS) when the node has a certificate
	WebDAVAddr string   // WebDAV, HTTPS when the node has a certificate
	Domains    []string // virtual-host style domains
	Region     string   // S3 region
	Users      []User   // account root keys stored on first start; the first is the root account's
	// WebsiteAddr serves bucket websites (see internal/website); "" = off.
	// WebsiteDomains name buckets there as BUCKET.DOMAIN.
	WebsiteAddr    string
	WebsiteDomains []string
	// ClusterKeyFile holds the key (hex) that seals secrets in the
	// directory; "" = STRATA_CLUSTER_KEY or DataDir/cluster.key.
	ClusterKeyFile string
	Formula        string        // conscience score formula
	DefaultPolicy  string        // "" = from the number of volumes
	Site, Rack     string        // this node's place in the topology
	MinSites       int           // sites a write must reach before it is acknowledged (docs/SITES.md)
	StatsInterval  time.Duration // how often volumes report to the conscience
	GCInterval     time.Duration // how often orphan chunks and stale uploads are collected
	OrphanGrace    time.Duration // minimum age of a chunk before GC may delete it
	UploadExpiry   time.Duration // multipart uploads older than this are aborted
	ImproveEvery   time.Duration // how often the improver handles writes that met a placement shortfall
	ScrubInterval  time.Duration // how often every chunk is verified (0 = never)
	ScrubRate      int64         // bytes per second the scrubber reads
	Shards         ShardConfig   // container sharding: key range splits (shards.go)
	MetaCache      int64         // embedded metadata's block cache in bytes (0: an eighth of the machine's or container's memory, 256 MiB-8 GiB)
	MetaShards     int           // embedded metadata stores that buckets and their key ranges spread over (0 or 1: one; metashards.go)
	JSONRecords    bool          // write meta2 records as JSON, for a rolling upgrade from a version before the compact form (object.WriteJSONRecords)
	Logger         *slog.Logger

	// LifecycleDay, when set, is how long one lifecycle day lasts (for
	// tests, as Ceph RGW's rgw_lc_debug_interval); 0 = S3 days.
	LifecycleDay time.Duration
	// LifecycleInterval is how often the lifecycle pass runs (0: every
	// hour, or every quarter of LifecycleDay when that is set).
	LifecycleInterval time.Duration
	// LifecycleRate bounds the lifecycle actions per second (0: none).
	LifecycleRate int64

	// Cluster settings. All empty = the embedded default: one process,
	// every role, metadata in pebble.
	Name          string            // node name; default the host name
	Roles         []string          // RoleMeta, RoleBlob, RoleGateway; empty = all
	Host          string            // host part of service locations; default the host name
	Tags          map[string]string // tags on this node's services, e.g. gpu=1
	MetaPeers     string            // founding metadata members "name=peerURL,..."; a node listed by Name runs a member
	MetaClientURL string            // this member's etcd client URL (listened on and advertised)
	MetaPeerURL   string            // this member's peer URL; default its entry in MetaPeers
	MetaJoin      bool              // add this member to the running metadata cluster at MetaEndpoints
	MetaEndpoints []string          // etcd client URLs of the metadata cluster
	BlobAddr      string            // blob server listen address
	BlobAdvertise string            // blob address other nodes dial; default BlobAddr
	Shard         string            // metadata shard this node's member serves; "" or "0" = the root shard

	// Events and functions.
	BusURL    string // external NATS (JetStream) URL; "" = an embedded server
	BusListen string // client address of the embedded server, for other nodes (cluster)
	// BusClusterListen and BusRoutes join the embedded servers of several
	// nodes (the metadata members, typically) into one NATS cluster with
	// replicated streams: no single node holds the bus.
	BusClusterListen string
	BusRoutes        []string
	BusReplicas      int  // stream replicas, applied at start (0: see --bus-replicas)
	AgentSlots       int  // invocations this node's agent runs at once (default 2 per CPU)
	EventsHold       bool // keep events in the outbox: the relay does not run (maintenance)

	// Encryption at rest (see internal/kms and startKMS).
	KMSMasterKeyFile string   // file holding the 32-byte master key (base64 or hex)
	KMSMasterKey     string   // the master key itself (cmd reads STRATA_KMS_MASTER_KEY)
	KMSKeys          []string // KMS keys created at start if missing
	KMSAutoCreate    bool     // create a KMS key on its first use by a write

	// TLS is the node's certificate, served on every listener, and the
	// cluster CA that node-to-node traffic (mutual TLS) trusts. Empty =
	// plain HTTP everywhere.
	TLS tlsutil.Files

	// FTPPassivePorts is the range FTP passive data connections listen
	// on ("40000-40100", for a firewall to open); "" = any free port.
	FTPPassivePorts string

	// Audit log (gateways): one JSON line per S3 request and admin action.
	AuditLog        string // file; "" = no file
	AuditMaxSizeMB  int    // rotate at this size
	AuditMaxBackups int    // rotated files kept; 0 = all
	AuditBus        bool   // also publish records on the event bus (audit.Subject)

	// RestoreDay shortens the day of archive restores (tests): a copy
	// restored for N days lasts N*RestoreDay (0 = LifecycleDay, and real
	// days when that is 0 too).
	RestoreDay time.Duration

	// UsageFlush is how often a gateway's usage spool goes to the
	// metadata (0: every 10 s).
	UsageFlush time.Duration
}

// Node roles.
const (
	RoleMeta    = "meta"    // runs a member of the replicated metadata engine
	RoleBlob    = "blob"    // serves this node's volumes to the cluster
	RoleGateway = "gateway" // serves S3 and runs the object service
	RoleAgent   = "agent"   // runs functions (needs the gateway role)
)

// Clustered reports whether the node is part of a multi-node cluster.
func (c *Config) Clustered() bool {
	return c.MetaPeers != "" || len(c.MetaEndpoints) > 0 || c.MetaPeerURL != ""
}

// HasRole reports whether the node runs a role.
func (c *Config) HasRole(role string) bool {
	if len(c.Roles) == 0 {
		return true
	}
	for _, r := range c.Roles {
		if r == role || r == "all" {
			return true
		}
	}
	return false
}

// DefaultConfig returns the embedded default: data in ./data, S3 on
// 127.0.0.1:9000.
func DefaultConfig() Config {
	return Config{
		DataDir:       "./data",
		S3Addr:        "127.0.0.1:9000",
		Region:        "us-east-1",
		Formula:       conscience.DefaultFormula,
		Site:          "dc1",
		Rack:          "rack1",
		StatsInterval: time.Second,
		GCInterval:    time.Hour,
		OrphanGrace:   time.Hour,
		UploadExpiry:  7 * 24 * time.Hour,
		ImproveEvery:  time.Minute,
		Shards:        DefaultShardConfig(),
		ScrubInterval: 7 * 24 * time.Hour,
		ScrubRate:     32 << 20,

		AuditMaxSizeMB:  100,
		AuditMaxBackups: 10,
	}
}

// Validate checks the config.
func (c *Config) Validate() error {
	const op = "server.Config"
	if c.DataDir == "" {
		return strata.Errorf(op, strata.Invalid, "no data folder")
	}
	if len(c.Users) == 0 {
		return strata.Errorf(op, strata.Invalid, "no credentials")
	}
	if c.MetaCache < 0 {
		return strata.Errorf(op, strata.Invalid, "negative metadata cache size")
	}
	if c.MetaShards < 0 || c.MetaShards > maxMetaShards {
		return strata.Errorf(op, strata.Invalid, "--meta-shards %d: want 1 to %d", c.MetaShards, maxMetaShards)
	}
	if c.MetaShards > 1 && c.Clustered() {
		return strata.Errorf(op, strata.Invalid, "--meta-shards is for the embedded server: a cluster's meta2 shards are its etcd clusters")
	}
	if c.DefaultPolicy != "" {
		if _, err := protect.ParsePolicy(c.DefaultPolicy); err != nil {
			return err
		}
	}
	if _, err := conscience.ParseFormula(c.Formula); err != nil {
		return err
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c.validateCluster()
}
