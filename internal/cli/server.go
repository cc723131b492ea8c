package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/strata-storage/strata/internal/server"
)

func newServerCmd() *cobra.Command {
	cfg := server.DefaultConfig()
	var users []string
	var volumeCap, metaCache string
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Run a Strata node (embedded default: every role in one process)",
		Long: `Run a Strata node. On the embedded default it keeps metadata in pebble under
--data, chunks on the local volumes (--volume, repeatable; default one volume
under --data) and serves S3 on --s3-addr. Root credentials come from
STRATA_ACCESS_KEY / STRATA_SECRET_KEY, or are generated on first start and
kept in DATA/credentials.json (mode 0600); they are the root of the account
"root", which administers the others.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg.Logger = logger(cmd)
			if volumeCap != "" {
				n, err := parseSize(volumeCap)
				if err != nil {
					return fmt.Errorf("--volume-capacity: %w", err)
				}
				cfg.VolumeCap = n
			}
			if metaCache != "" {
				n, err := parseSize(metaCache)
				if err != nil {
					return fmt.Errorf("--meta-cache: %w", err)
				}
				cfg.MetaCache = n
			}
			root, created, err := server.RootCredentials(cfg.DataDir, os.Getenv("STRATA_ACCESS_KEY"), os.Getenv("STRATA_SECRET_KEY"))
			if err != nil {
				return err
			}
			if created {
				fmt.Fprintf(os.Stderr, "Generated root credentials (saved in %s/credentials.json, shown once):\n  STRATA_ACCESS_KEY=%s\n  STRATA_SECRET_KEY=%s\n",
					cfg.DataDir, root.AccessKey, root.SecretKey)
			}
			cfg.Users = []server.User{root}
			cfg.KMSMasterKey = os.Getenv("STRATA_KMS_MASTER_KEY")
			for _, s := range users {
				u, err := server.ParseUser(s)
				if err != nil {
					return err
				}
				cfg.Users = append(cfg.Users, u)
			}
			return server.Run(cmd.Context(), cfg)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.DataDir, "data", cfg.DataDir, "data folder (metadata, credentials, default volume)")
	f.StringArrayVar(&cfg.Volumes, "volume", nil, "chunk volume folder (repeatable); default DATA/volumes/0")
	f.StringVar(&volumeCap, "volume-capacity", "", "cap on the bytes each volume may hold, e.g. 500GiB (default: its file system's size)")
	f.StringVar(&metaCache, "meta-cache", "", "block cache of the embedded metadata store, e.g. 2GiB (default: an eighth of the machine's memory or its container's limit, 256MiB-8GiB)")
	f.BoolVar(&cfg.JSONRecords, "json-records", false, "write metadata records as JSON, the form gateways before the compact one read: set it on every upgraded node of a cluster until no older gateway runs, then restart without it (docs/DESIGN.md)")
	f.IntVar(&cfg.MetaShards, "meta-shards", 1, "embedded metadata stores (DATA/meta, then DATA/meta-shards/1...) that buckets and their key ranges spread over, each with its own WAL and commit queue; can grow, never shrinks (docs/SHARDING.md)")
	f.DurationVar(&cfg.ScrubInterval, "scrub-interval", cfg.ScrubInterval, "how often every chunk is read back and verified (0: never)")
	f.Int64Var(&cfg.Shards.SplitObjects, "shard-split-objects", cfg.Shards.SplitObjects, "versions a bucket's key range holds before it is split online (0: never; docs/SHARDING.md)")
	f.DurationVar(&cfg.RestoreDay, "restore-day", 0, "length of one day of archive restores, for tests (0: the --lifecycle-day, else real days)")
	f.Int64Var(&cfg.ScrubRate, "scrub-rate", cfg.ScrubRate, "bytes per second the scrubber may read")
	f.DurationVar(&cfg.LifecycleDay, "lifecycle-day", 0, "length of one lifecycle day, for tests (e.g. 10s, as Ceph's rgw_lc_debug_interval); 0: S3 days")
	f.DurationVar(&cfg.LifecycleInterval, "lifecycle-interval", 0, "how often lifecycle rules are applied (0: every hour, or a quarter of --lifecycle-day)")
	f.Int64Var(&cfg.LifecycleRate, "lifecycle-rate", 1000, "lifecycle actions (expirations, transitions, aborts) per second at most (0: no bound)")
	f.StringVar(&cfg.S3Addr, "s3-addr", cfg.S3Addr, "S3 listen address")
	f.StringVar(&cfg.ConsoleAddr, "console-addr", "127.0.0.1:9001", "web console listen address (TLS when --tls-cert is set); empty disables it")
	f.StringVar(&cfg.NFSAddr, "nfs-addr", "", "NFSv3 listen address (MOUNT and NFS on one port), exporting each bucket as /BUCKET; empty disables it")
	f.StringVar(&cfg.SFTPAddr, "sftp-addr", "", "SFTP listen address (logins: access key and secret, or an SSH key registered on the user); empty disables it")
	f.StringVar(&cfg.FTPAddr, "ftp-addr", "", "FTP listen address (explicit TLS with --tls-cert; logins: access key and secret); empty disables it")
	f.StringVar(&cfg.FTPPassivePorts, "ftp-passive-ports", "", "FTP passive data ports, FIRST-LAST (for a firewall); empty: any free port")
	f.StringVar(&cfg.WebDAVAddr, "webdav-addr", "", "WebDAV listen address (HTTPS with --tls-cert; HTTP Basic logins: access key and secret); empty disables it")
	f.StringVar(&cfg.WebsiteAddr, "website-addr", "", "static website endpoint listen address (HTTPS with --tls-cert; anonymous GET/HEAD of buckets with a website configuration); empty disables it")
	f.StringArrayVar(&cfg.WebsiteDomains, "website-domain", nil, "domain of the website endpoint (BUCKET.DOMAIN, e.g. s3-website.localhost), repeatable; other hosts are path-style /BUCKET/KEY")
	f.StringArrayVar(&cfg.Domains, "domain", nil, "domain for virtual-host style requests (BUCKET.DOMAIN), repeatable")
	f.StringVar(&cfg.Region, "region", cfg.Region, "S3 region name")
	f.StringVar(&cfg.DefaultPolicy, "policy", "", "default storage policy (SINGLE, TWOCOPIES, THREECOPIES, EC<k>+<m>); default from the number of volumes")
	f.StringVar(&cfg.Formula, "score-formula", cfg.Formula, "conscience score formula over cpu, io, space")
	f.StringArrayVar(&users, "user", nil, "seed an account with a root key ACCOUNT:ACCESS_KEY:SECRET_KEY, stored in the directory on first sight (repeatable); manage identities with `strata account|user|key|policy` or `aws iam`")
	f.StringVar(&cfg.ClusterKeyFile, "cluster-key-file", "", "key (hex, 32 bytes) sealing secrets in the directory; same on every node (default: $STRATA_CLUSTER_KEY, else DATA/cluster.key on one node, else derived from the root secret in a cluster)")
	// Cluster.
	f.StringVar(&cfg.Name, "name", "", "node name, unique in the cluster (default: host name)")
	f.StringSliceVar(&cfg.Roles, "roles", nil, "roles of this node: meta, blob, gateway, agent (default: all)")
	f.StringVar(&cfg.Site, "site", cfg.Site, "site of this node (locations are site.rack.host.volume)")
	f.StringVar(&cfg.Rack, "rack", cfg.Rack, "rack of this node")
	f.IntVar(&cfg.MinSites, "min-sites", 0, "acknowledge a write only once a readable copy is on this many sites (stretched cluster; 0 or 1: no constraint); see docs/SITES.md")
	f.StringVar(&cfg.Host, "host", "", "host part of this node's locations (default: node name)")
	f.StringToStringVar(&cfg.Tags, "tag", nil, "tag on this node's services, KEY=VALUE (repeatable), e.g. gpu=1")
	f.StringVar(&cfg.MetaPeers, "meta-peers", "", "founding metadata members NAME=PEER_URL,...; a node whose --name is listed runs a member")
	f.StringVar(&cfg.MetaClientURL, "meta-client-url", "", "client URL of this node's metadata member, e.g. http://10.0.0.1:2379")
	f.StringVar(&cfg.MetaPeerURL, "meta-peer-url", "", "peer URL of this node's metadata member (default: its entry in --meta-peers)")
	f.BoolVar(&cfg.MetaJoin, "meta-join", false, "add this node's metadata member to the running cluster at --meta-endpoints (grow the metadata tier)")
	f.StringSliceVar(&cfg.MetaEndpoints, "meta-endpoints", nil, "client URLs of the metadata members (comma-separated)")
	f.StringVar(&cfg.Shard, "shard", "", "metadata shard of this node's member: 0 (default) is the root shard; another id founds or joins a separate meta2 shard whose members are in --meta-peers")
	f.StringVar(&cfg.BlobAddr, "blob-addr", "", "listen address of this node's blob server (cluster)")
	f.StringVar(&cfg.BlobAdvertise, "blob-advertise", "", "blob address other nodes dial (default --blob-addr)")
	// Events and functions.
	f.StringVar(&cfg.BusURL, "bus-url", "", "NATS URL of the event bus (an external JetStream cluster, or the node started with --bus-listen); default: embedded")
	f.StringVar(&cfg.BusListen, "bus-listen", "", "client address of this node's embedded event bus, for the other nodes of a cluster, e.g. 10.0.0.1:4222")
	f.StringVar(&cfg.BusClusterListen, "bus-cluster-listen", "", "route address of this node's embedded bus server, joining the servers of --bus-routes into one replicated bus")
	f.StringSliceVar(&cfg.BusRoutes, "bus-routes", nil, "route addresses (host:port, comma-separated) of the other embedded bus servers")
	f.IntVar(&cfg.BusReplicas, "bus-replicas", 0, "replicas of the event streams, applied at start (default: 1 on a lone embedded bus, one per bus server up to 3 with --bus-routes; with only --bus-url, existing streams are left as they are and missing ones made with 1)")
	f.IntVar(&cfg.AgentSlots, "agent-slots", 0, "function invocations this node runs at once (default 2 per CPU)")
	// TLS.
	f.StringVar(&cfg.TLS.Cert, "tls-cert", "", "certificate (PEM) served on every listener; with it nothing answers plain HTTP (reloaded on SIGHUP)")
	f.StringVar(&cfg.TLS.Key, "tls-key", "", "private key of --tls-cert (PEM)")
	f.StringVar(&cfg.TLS.CA, "tls-ca", "", "cluster CA (PEM): node-to-node traffic (blob, metadata, event bus) is mutual TLS with certificates it signed")
	f.BoolVar(&cfg.EventsHold, "events-hold", false, "keep events in the outbox, unsent, until restarted without this flag (maintenance)")
	f.StringVar(&cfg.KMSMasterKeyFile, "kms-master-key-file", "", "file with the 32-byte KMS master key, base64 or hex (default: STRATA_KMS_MASTER_KEY, else DATA/kms-master.key, generated on first start)")
	f.StringSliceVar(&cfg.KMSKeys, "kms-key", nil, "KMS key to create at start if missing (repeatable), e.g. testkey-1")
	f.BoolVar(&cfg.KMSAutoCreate, "kms-auto-create", false, "create a KMS key on its first use by an SSE-KMS write")
	// Audit log.
	f.StringVar(&cfg.AuditLog, "audit-log", "", "file of JSON lines, one per S3 request and admin action (who, what, outcome); rotated by size")
	f.IntVar(&cfg.AuditMaxSizeMB, "audit-max-size-mb", cfg.AuditMaxSizeMB, "size in MB at which the audit log is rotated")
	f.IntVar(&cfg.AuditMaxBackups, "audit-max-backups", cfg.AuditMaxBackups, "rotated audit logs kept (0: all)")
	f.BoolVar(&cfg.AuditBus, "audit-bus", false, "also publish audit records on the event bus, subject strata.audit (best effort)")
	f.DurationVar(&cfg.UsageFlush, "usage-flush", 0, "how often usage counted by this gateway goes to the metadata (0: 10s)")
	return cmd
}
