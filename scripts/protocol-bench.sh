#!/usr/bin/env bash
# Protocol throughput, side by side in one run: a sequential write and a
# sequential read of one large file through each file protocol of Strata and
# through a well-known server of the same protocol sharing a local folder on
# the same disk, with the same client for both:
#   SFTP    strata --sftp-addr      vs OpenSSH sshd + sftp-server   client: sftp -b put/get
#   FTP     strata --ftp-addr       vs vsftpd                       client: curl -T / curl -o
#   WebDAV  strata --webdav-addr    vs rclone serve webdav          client: curl -T / curl -o
#   NFSv3   strata --nfs-addr       vs nfs-ganesha (FSAL VFS)       client: libnfs nfs-cp
#   SMB3    strata smb (Samba over  vs Samba on a local folder      client: smbclient put/get
#           a Strata FUSE mount)
#   FUSE    strata mount            vs the local folder itself      client: dd
# Rounds alternate which side goes first. A write is timed until the client
# returns plus a sync (the peers' data is then on disk too); before each read
# the page cache is dropped when the kernel lets us. Every written file is
# checked where it landed (Strata: S3 HEAD; peers: stat) and every read is
# compared with the source, so a protocol that silently fails shows "FAIL",
# not a figure. A part that cannot run prints "n/a (why)".
#
# Usage (as root: it starts daemons, adds a local user for the peers, drops
# caches): scripts/protocol-bench.sh [SIZE_MIB (1024)] [ROUNDS (2)]
# Env: ONLY=sftp,ftp,webdav,nfs,smb,fuse  STRATA_BIN=path (default: built
# from this checkout)  BENCH_DIR=dir (default: a new temp dir, removed at
# the end unless KEEP=1)  SFTP_OPTS="-o Ciphers=..."  SMB_ENCRYPT/SMB_SIGNING
# (both Sambas; default desired/mandatory, strata smb's defaults).
# Debian packages: openssh-server openssh-client vsftpd curl rclone
# nfs-ganesha nfs-ganesha-vfs rpcbind libnfs-utils samba smbclient fuse3 bc.
set -uo pipefail
SIZE_MIB=${1:-1024} ROUNDS=${2:-2}
ONLY=${ONLY:-sftp,ftp,webdav,nfs,smb,fuse}
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/strata-pbench.XXXXXX")}
BYTES=$((SIZE_MIB * 1048576))
AK=PBENCHAK00000000000A SK=pbenchsecret0000000000000000000000000000A
LUSER=strata-pbench LPASS=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
SMB_ENCRYPT=${SMB_ENCRYPT:-desired} SMB_SIGNING=${SMB_SIGNING:-mandatory}
PIDS=() MOUNTS=() UCOMMENT="strata protocol-bench temporary user"
declare -A NA=() RES=() PORT=()

log() { echo "[$(date +%T)] $*" >&2; }
on() { [[ ",$ONLY," == *",$1,"* ]]; }
have() { command -v "$1" >/dev/null 2>&1; }
freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
waitport() { # port [pid] [seconds]: until something accepts on 127.0.0.1:port
  local i
  for i in $(seq $((${3:-30} * 5))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    [ -n "${2:-}" ] && ! kill -0 "$2" 2>/dev/null && return 1
    sleep 0.2
  done
  return 1
}
tmo() { timeout -k 10 "${CLIENT_TIMEOUT:-900}" "$@"; } # a client that hangs fails
daemon() { # logfile cmd...: start a daemon of ours; its pid in $!
  # Its own session: a daemon that signals its process group on exit
  # (smbd does) must not stop this script.
  setsid "${@:2}" >"$1" 2>&1 &
  PIDS+=($!)
  disown $! # no "Terminated" notice when cleanup stops it
}

cleanup() {
  local m p
  trap '' INT TERM
  for m in "${MOUNTS[@]}"; do fusermount3 -u "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
  for ((p = ${#PIDS[@]} - 1; p >= 0; p--)); do kill "${PIDS[p]}" 2>/dev/null; done
  for p in "${PIDS[@]}"; do # ganesha and strata smb take a few seconds to stop
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null
  done
  for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null; done
  [ "$(getent passwd "$LUSER" | cut -d: -f5)" = "$UCOMMENT" ] && { userdel "$LUSER" 2>/dev/null || { sleep 2; userdel "$LUSER"; }; }
  [ "${KEEP:-0}" = 1 ] && log "kept $W" || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { echo "run as root (daemons, a local user, drop_caches)" >&2; exit 1; }
mkdir -p "$W"/{log,peer,mnt} && chmod 755 "$W"
DROP=0
sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null && DROP=1
dropcaches() { sync; [ "$DROP" = 1 ] && echo 3 >/proc/sys/vm/drop_caches; }

# --- Strata -----------------------------------------------------------------
BIN=${STRATA_BIN:-$W/bin/strata}
if [ -z "${STRATA_BIN:-}" ]; then
  log "building strata from $REPO"
  (cd "$REPO" && go build -o "$W/bin/strata" ./cmd/strata) || exit 1
fi
S3PORT=$(freeport) EP=http://127.0.0.1:$S3PORT
s3() { curl -sS --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" "$@"; }
s3size() { # bucket key: Content-Length of the object, or "missing"
  s3 -I "$EP/$1/$2" | tr -d '\r' | awk 'tolower($1)=="content-length:"{n=$2} /^HTTP/{c=$2} END{print (c==200 ? n : "missing")}'
}
PROTOS=()
for p in sftp ftp webdav nfs; do on $p && PROTOS+=($p) && PORT[$p]=$(freeport); done
STRATA_PID=
start_strata() { # with the protocols in PROTOS; returns 1 if the node died
  local flags=() p
  for p in "${PROTOS[@]}"; do flags+=("--$p-addr" "127.0.0.1:${PORT[$p]}"); done
  daemon "$W/log/strata.log" "$BIN" server --data "$W/data" --s3-addr "127.0.0.1:$S3PORT" --console-addr "" \
    --user "pbench:$AK:$SK" "${flags[@]}"
  STRATA_PID=$!
  for _ in $(seq 300); do
    curl -sf "$EP/_strata/health" >/dev/null 2>&1 && return 0
    kill -0 "$STRATA_PID" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
# A protocol this build lacks (its flag unknown, or its start a stub) makes
# the node exit: drop that protocol and start again without it.
while ! start_strata; do
  kill "$STRATA_PID" 2>/dev/null
  bad=$(grep -o -E 'unknown flag: --(nfs|sftp|ftp|webdav)-addr|server\.start(nfs|sftp|ftp|webdav)' "$W/log/strata.log" |
    head -1 | sed -E 's/.*--(.*)-addr/\1/; s/server\.start//')
  [ -n "$bad" ] || { tail -20 "$W/log/strata.log" >&2; echo "strata did not start" >&2; exit 1; }
  if grep -q -E "unknown flag: --$bad-addr|not available in this build" "$W/log/strata.log"; then
    NA[$bad]="n/a (not built)"
  else
    NA[$bad]="n/a (failed to start: $(grep -m1 -o -E "server\.start$bad.*" "$W/log/strata.log" | cut -c1-120))"
  fi
  log "strata: $bad ${NA[$bad]}"
  PROTOS=($(printf '%s\n' "${PROTOS[@]}" | grep -v -x "$bad"))
done
for p in "${PROTOS[@]}"; do
  waitport "${PORT[$p]}" "$STRATA_PID" 10 || NA[$p]="n/a (strata $p port not listening)"
done
for p in sftp ftp webdav nfs smb fuse; do
  on $p && { s3 -f -X PUT "$EP/pb-$p" >/dev/null || { echo "cannot create bucket pb-$p" >&2; exit 1; }; }
done
log "strata ready on $EP (protocols: ${PROTOS[*]:-none})"

# --- the local user the peers log in as ---------------------------------------
# A user of that name that this script did not create is left alone (and used).
id "$LUSER" >/dev/null 2>&1 || useradd -M -d "$W/home" -s /bin/bash -c "$UCOMMENT" "$LUSER"
usermod -d "$W/home" "$LUSER" >/dev/null 2>&1
echo "$LUSER:$LPASS" | chpasswd
mkdir -p "$W/home" && chown "$LUSER:" "$W/home"

# --- the clients and servers, one block per protocol ---------------------------
# Each protocol P defines P_strata_put SRC NAME, P_strata_get NAME DST,
# P_peer_put, P_peer_get, and P_peer_path NAME (the file the peer writes).
SSHO=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)
sftp_run() { # port user key|- batch-commands...
  local port=$1 user=$2 key=$3 id=(); shift 3
  [ "$key" != - ] && id=(-i "$key")
  printf '%s\n' "$@" >"$W/sftp.batch"
  # BatchMode is off before -b so that the Strata side may take its password
  # from SSH_ASKPASS (the first value of an ssh option wins).
  tmo sftp -o BatchMode=no -b "$W/sftp.batch" -P "$port" "${SSHO[@]}" "${id[@]}" ${SFTP_OPTS:-} "$user@127.0.0.1" </dev/null
}
setup_sftp() {
  local d=$W/ssh
  have sftp || { NA[sftp]="n/a (openssh-client missing)" NA[sftp.peer]="n/a (openssh-client missing)"; return; }
  printf '#!/bin/sh\necho %s\n' "$SK" >"$W/askpass" && chmod 700 "$W/askpass"
  have sshd && [ -x /usr/lib/openssh/sftp-server ] || { NA[sftp.peer]="n/a (openssh-server missing)"; return; }
  mkdir -p "$d" /run/sshd "$W/peer/sftp" && chown "$LUSER:" "$W/peer/sftp"
  ssh-keygen -q -t ed25519 -N '' -f "$d/host_key" && ssh-keygen -q -t ed25519 -N '' -f "$d/client_key"
  cp "$d/client_key.pub" "$d/authorized_keys" && chmod 644 "$d/authorized_keys"
  PORT[sftp.peer]=$(freeport)
  cat >"$d/sshd_config" <<EOF
Port ${PORT[sftp.peer]}
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowUsers $LUSER
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  daemon "$W/log/sshd.log" /usr/sbin/sshd -D -e -f "$d/sshd_config"
  waitport "${PORT[sftp.peer]}" $! || NA[sftp.peer]="n/a (sshd did not start: $(tail -1 "$W/log/sshd.log"))"
}
sftp_strata() { SSH_ASKPASS=$W/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=:0 sftp_run "${PORT[sftp]}" "$AK" - "$@"; }
sftp_peer() { sftp_run "${PORT[sftp.peer]}" "$LUSER" "$W/ssh/client_key" "$@"; }
sftp_strata_put() { sftp_strata "put $1 /pb-sftp/$2"; }
sftp_strata_get() { sftp_strata "get /pb-sftp/$1 $2"; }
sftp_peer_put() { sftp_peer "put $1 $W/peer/sftp/$2"; }
sftp_peer_get() { sftp_peer "get $W/peer/sftp/$1 $2"; }
sftp_peer_path() { echo "$W/peer/sftp/$1"; }

setup_ftp() {
  local d=$W/vsftpd lo
  have curl || { NA[ftp]="n/a (curl missing)" NA[ftp.peer]="n/a (curl missing)"; return; }
  have vsftpd || { NA[ftp.peer]="n/a (vsftpd missing)"; return; }
  mkdir -p "$d/empty" "$W/peer/ftp" && chown "$LUSER:" "$W/peer/ftp"
  PORT[ftp.peer]=$(freeport) lo=$((40000 + RANDOM % 20000))
  cat >"$d/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=${PORT[ftp.peer]}
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
local_root=$W/peer/ftp
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$lo
pasv_max_port=$((lo + 50))
secure_chroot_dir=$d/empty
seccomp_sandbox=NO
userlist_enable=NO
pam_service_name=vsftpd
xferlog_enable=YES
vsftpd_log_file=$d/vsftpd.log
EOF
  daemon "$W/log/vsftpd.log" vsftpd "$d/vsftpd.conf"
  waitport "${PORT[ftp.peer]}" $! || NA[ftp.peer]="n/a (vsftpd did not start: $(tail -1 "$W/log/vsftpd.log"))"
}
ftp_strata_put() { tmo curl -sS --fail -T "$1" "ftp://$AK:$SK@127.0.0.1:${PORT[ftp]}/pb-ftp/$2"; }
ftp_strata_get() { tmo curl -sS --fail -o "$2" "ftp://$AK:$SK@127.0.0.1:${PORT[ftp]}/pb-ftp/$1"; }
ftp_peer_put() { tmo curl -sS --fail -T "$1" "ftp://$LUSER:$LPASS@127.0.0.1:${PORT[ftp.peer]}/$2"; }
ftp_peer_get() { tmo curl -sS --fail -o "$2" "ftp://$LUSER:$LPASS@127.0.0.1:${PORT[ftp.peer]}/$1"; }
ftp_peer_path() { echo "$W/peer/ftp/$1"; }

setup_webdav() {
  have rclone || { NA[webdav.peer]="n/a (rclone missing)"; return; }
  mkdir -p "$W/peer/webdav"
  PORT[webdav.peer]=$(freeport)
  daemon "$W/log/rclone.log" rclone serve webdav "$W/peer/webdav" --addr "127.0.0.1:${PORT[webdav.peer]}" \
    --user "$LUSER" --pass "$LPASS" --config /dev/null
  waitport "${PORT[webdav.peer]}" $! || NA[webdav.peer]="n/a (rclone serve webdav did not start: $(tail -1 "$W/log/rclone.log"))"
}
webdav_strata_put() { tmo curl -sS --fail -T "$1" "http://$AK:$SK@127.0.0.1:${PORT[webdav]}/pb-webdav/$2"; }
webdav_strata_get() { tmo curl -sS --fail -o "$2" "http://$AK:$SK@127.0.0.1:${PORT[webdav]}/pb-webdav/$1"; }
webdav_peer_put() { tmo curl -sS --fail -T "$1" "http://$LUSER:$LPASS@127.0.0.1:${PORT[webdav.peer]}/$2"; }
webdav_peer_get() { tmo curl -sS --fail -o "$2" "http://$LUSER:$LPASS@127.0.0.1:${PORT[webdav.peer]}/$1"; }
webdav_peer_path() { echo "$W/peer/webdav/$1"; }

setup_nfs() {
  local d=$W/ganesha
  have nfs-cp || { NA[nfs]="n/a (libnfs-utils missing)" NA[nfs.peer]="n/a (libnfs-utils missing)"; return; }
  if [ -z "${NA[nfs]:-}" ] && ! setup_nfs_user >"$W/log/nfs-user.log" 2>&1; then
    NA[nfs]="n/a (could not map uid $NFS_UID to a user: $(tail -1 "$W/log/nfs-user.log" | cut -c1-120))"
  fi
  have ganesha.nfsd || { NA[nfs.peer]="n/a (nfs-ganesha missing)"; return; }
  mkdir -p "$d/recov" "$W/peer/nfs" && chown "$NFS_UID:$NFS_UID" "$W/peer/nfs"
  # ganesha registers NFSv3 with rpcbind and exits if it cannot: start
  # one when none runs.
  if ! pgrep -x rpcbind >/dev/null; then
    have rpcbind || { NA[nfs.peer]="n/a (ganesha needs rpcbind, which is missing)"; return; }
    daemon "$W/log/rpcbind.log" rpcbind -f -w
    sleep 0.5
  fi
  PORT[nfs.peer]=$(freeport)
  cat >"$d/ganesha.conf" <<EOF
NFS_CORE_PARAM {
  Protocols = 3;
  NFS_Port = ${PORT[nfs.peer]};
  MNT_Port = $(freeport);
  NLM_Port = $(freeport);
  Rquota_Port = $(freeport);
  Bind_addr = 127.0.0.1;
  Enable_NLM = false;
  Enable_RQUOTA = false;
  Enable_UDP = false;
}
NFS_KRB5 { Active_krb5 = false; }
NFSV4 { Graceless = true; RecoveryRoot = $d/recov; }
EXPORT {
  Export_Id = 1;
  Path = $W/peer/nfs;
  Pseudo = /peer;
  Access_Type = RW;
  Squash = No_Root_Squash;
  SecType = sys;
  Protocols = 3;
  Transports = TCP;
  FSAL { Name = VFS; }
}
EOF
  PORT[nfs.mnt]=$(sed -n 's/.*MNT_Port = \([0-9]*\);/\1/p' "$d/ganesha.conf")
  daemon "$W/log/ganesha.log" ganesha.nfsd -F -f "$d/ganesha.conf" -L "$d/ganesha.log" -p "$d/ganesha.pid" -N NIV_EVENT
  waitport "${PORT[nfs.peer]}" $! 30 ||
    NA[nfs.peer]="n/a (ganesha did not start: $(grep -h -E 'FATAL|MAJ' "$d/ganesha.log" "$W/log/ganesha.log" | tail -1 | cut -c1-160))"
}
# Strata maps an AUTH_SYS uid to the IAM user tagged strata:nfs-uid=UID
# (root is squashed): a user of the bench account, with S3 full access,
# carries the uid the client sends. The peer gets the same uid.
NFS_UID=4242
iam() { curl -sS -f --aws-sigv4 "aws:amz:us-east-1:iam" --user "$AK:$SK" "$EP/" --data "Version=2010-05-08&$1"; }
setup_nfs_user() {
  iam "Action=CreateUser&UserName=pbench-nfs&Tags.member.1.Key=strata%3Anfs-uid&Tags.member.1.Value=$NFS_UID" &&
    iam "Action=AttachUserPolicy&UserName=pbench-nfs&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAmazonS3FullAccess" &&
    iam "Action=CreateAccessKey&UserName=pbench-nfs"
}
nfs_strata_url() { echo "nfs://127.0.0.1/pb-nfs/$1?nfsport=${PORT[nfs]}&mountport=${PORT[nfs]}&version=3&auto-traverse-mounts=0&uid=$NFS_UID&gid=$NFS_UID"; }
nfs_peer_url() { echo "nfs://127.0.0.1$W/peer/nfs/$1?nfsport=${PORT[nfs.peer]}&mountport=${PORT[nfs.mnt]}&version=3&auto-traverse-mounts=0&uid=$NFS_UID&gid=$NFS_UID"; }
nfs_strata_put() { tmo nfs-cp "$1" "$(nfs_strata_url "$2")"; }
nfs_strata_get() { tmo nfs-cp "$(nfs_strata_url "$1")" "$2"; }
nfs_peer_put() { tmo nfs-cp "$1" "$(nfs_peer_url "$2")"; }
nfs_peer_get() { tmo nfs-cp "$(nfs_peer_url "$1")" "$2"; }
nfs_peer_path() { echo "$W/peer/nfs/$1"; }

smbconf_global() { # state-dir port
  cat <<EOF
[global]
  server role = standalone server
  security = user
  map to guest = never
  passdb backend = tdbsam:$1/private/passdb.tdb
  private dir = $1/private
  lock directory = $1/lock
  state directory = $1/state
  cache directory = $1/cache
  pid directory = $1/run
  ncalrpc dir = $1/run/ncalrpc
  log file = $1/smbd.log
  smb ports = $2
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  server min protocol = SMB2_10
  server smb encrypt = $SMB_ENCRYPT
  server signing = $SMB_SIGNING
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
EOF
}
setup_smb() {
  local d=$W/samba
  have smbd && have smbclient || { NA[smb.peer]="n/a (samba/smbclient missing)"; NA[smb]="n/a (samba/smbclient missing)"; return; }
  mkdir -p "$d"/{private,lock,state,cache,run} "$W/peer/smb" && chown "$LUSER:" "$W/peer/smb"
  PORT[smb.peer]=$(freeport)
  { smbconf_global "$d" "${PORT[smb.peer]}"; printf '[peer]\n  path = %s\n  read only = no\n  valid users = %s\n' "$W/peer/smb" "$LUSER"; } >"$d/smb.conf"
  printf '%s\n%s\n' "$LPASS" "$LPASS" | smbpasswd -c "$d/smb.conf" -s -a "$LUSER" >/dev/null
  daemon "$W/log/smbd-peer.log" smbd --foreground --no-process-group --configfile="$d/smb.conf"
  waitport "${PORT[smb.peer]}" $! 30 || NA[smb.peer]="n/a (smbd did not start: $(tail -1 "$W/log/smbd-peer.log"))"
  # Strata's side: `strata smb`, Samba over FUSE mounts of the buckets.
  if ! "$BIN" smb --help >/dev/null 2>&1; then NA[smb]="n/a (not built: no strata smb)"; return; fi
  PORT[smb]=$(freeport)
  echo "$AK:$SK" >"$W/smb.credentials" && chmod 600 "$W/smb.credentials"
  daemon "$W/log/strata-smb.log" "$BIN" smb --endpoint "$EP" --smb-addr "127.0.0.1:${PORT[smb]}" --state "$W/strata-smb" \
    --credentials "$W/smb.credentials" --bucket pb-smb --encrypt "$SMB_ENCRYPT" --signing "$SMB_SIGNING"
  waitport "${PORT[smb]}" $! 60 || NA[smb]="n/a (strata smb did not start: $(tail -1 "$W/log/strata-smb.log" | cut -c1-160))"
}
smb_run() { # share port user%pass command
  tmo smbclient "//127.0.0.1/$1" -p "$2" -U "$3" -m SMB3 -E -c "$4" 2>&1 | tee -a "$W/log/smbclient.log" |
    { ! grep -E 'NT_STATUS_|ERRDOS|not found|failed' >&2; }
}
smb_strata_put() { smb_run pb-smb "${PORT[smb]}" "$AK%$SK" "put $1 $2"; }
smb_strata_get() { smb_run pb-smb "${PORT[smb]}" "$AK%$SK" "get $1 $2"; }
smb_peer_put() { smb_run peer "${PORT[smb.peer]}" "$LUSER%$LPASS" "put $1 $2"; }
smb_peer_get() { smb_run peer "${PORT[smb.peer]}" "$LUSER%$LPASS" "get $1 $2"; }
smb_peer_path() { echo "$W/peer/smb/$1"; }

setup_fuse() {
  mkdir -p "$W/mnt/fuse" "$W/peer/fuse"
  daemon "$W/log/mount.log" env STRATA_ACCESS_KEY=$AK STRATA_SECRET_KEY=$SK "$BIN" mount pb-fuse "$W/mnt/fuse" --endpoint "$EP"
  MOUNTS+=("$W/mnt/fuse")
  for _ in $(seq 100); do mountpoint -q "$W/mnt/fuse" && return; sleep 0.2; done
  NA[fuse]="n/a (strata mount failed: $(tail -1 "$W/log/mount.log"))"
}
fuse_strata_put() { tmo dd if="$1" of="$W/mnt/fuse/$2" bs=1M conv=fsync status=none; }
fuse_strata_get() { tmo dd if="$W/mnt/fuse/$1" of="$2" bs=1M status=none; }
fuse_peer_put() { tmo dd if="$1" of="$W/peer/fuse/$2" bs=1M conv=fsync status=none; }
fuse_peer_get() { tmo dd if="$W/peer/fuse/$1" of="$2" bs=1M status=none; }
fuse_peer_path() { echo "$W/peer/fuse/$1"; }

ALL=()
for p in sftp ftp webdav nfs smb fuse; do on $p && ALL+=($p); done
for p in "${ALL[@]}"; do log "starting the $p servers"; "setup_$p"; done

# --- measuring ------------------------------------------------------------------
SRC=$W/src.bin OUT=$W/out.bin
log "writing a ${SIZE_MIB} MiB random source file"
head -c "$BYTES" /dev/urandom >"$SRC"
chmod 644 "$SRC"
now() { date +%s.%N; }
rate() { awk -v b="$BYTES" -v s="$1" 'BEGIN{printf "%.0f", b / 1048576 / s}'; }
landed() { # proto side name: bytes where the file landed
  if [ "$2" = strata ]; then s3size "pb-$1" "$3"; else stat -c %s "$("${1}_peer_path" "$3")" 2>/dev/null || echo missing; fi
}
bench_write() { # proto side name -> MiB/s or FAIL(...)
  local s e got i
  cat "$SRC" >/dev/null # the client's source is in the page cache for both sides
  s=$(now)
  "${1}_${2}_put" "$SRC" "$3" >>"$W/log/client-$1-$2.log" 2>&1 || { echo "FAIL(client-error)"; tail -3 "$W/log/client-$1-$2.log" >&2; return; }
  sync
  e=$(now)
  # The file must be there, whole, once the client returned (close-to-open);
  # a little slack for a protocol that publishes just after.
  for i in $(seq 20); do got=$(landed "$1" "$2" "$3"); [ "$got" = "$BYTES" ] && break; sleep 0.5; done
  [ "$got" = "$BYTES" ] || { echo "FAIL(landed:${got}B)"; return; }
  [ "$i" -gt 1 ] && log "  $1 $2: object complete $(((i - 1) * 5 / 10)) s after the client returned"
  rate "$(echo "$e - $s" | bc)"
}
bench_read() { # proto side name -> MiB/s or FAIL(...)
  local s e
  rm -f "$OUT"
  dropcaches
  s=$(now)
  "${1}_${2}_get" "$3" "$OUT" >>"$W/log/client-$1-$2.log" 2>&1 || { echo "FAIL(client-error)"; tail -3 "$W/log/client-$1-$2.log" >&2; return; }
  e=$(now)
  cmp -s "$SRC" "$OUT" || { echo "FAIL(read:$(stat -c %s "$OUT" 2>/dev/null || echo 0)B,differs)"; return; }
  rate "$(echo "$e - $s" | bc)"
}
remove() { # proto side name
  if [ "$2" = strata ]; then s3 -X DELETE "$EP/pb-$1/$3" >/dev/null; else rm -f "$("${1}_peer_path" "$3")"; fi
}
avail() { # proto side: empty when it can run, else the reason
  if [ "$2" = strata ]; then echo "${NA[$1]:-}"; else echo "${NA[$1.peer]:-}"; fi
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$ROUNDS"); do
  for p in "${ALL[@]}"; do
    sides=(strata peer)
    [ $((r % 2)) = 0 ] && sides=(peer strata)
    for op in write read; do
      for side in "${sides[@]}"; do
        [ -n "$(avail "$p" "$side")" ] && continue
        v=$("bench_$op" "$p" "$side" "r$r.bin")
        RES[$p.$side.$op]+="$v "
        log "round $r $p $side $op: $v"
      done
    done
    for side in strata peer; do [ -z "$(avail "$p" "$side")" ] && remove "$p" "$side" "r$r.bin"; done
  done
done
rm -f "$OUT" "$SRC"

# --- the table ----------------------------------------------------------------------
mean() { # "v1 v2 ..." -> mean, or the first failure
  local v
  for v in $1; do [[ $v =~ ^[0-9]+$ ]] || { echo "$v"; return; }; done
  echo "$1" | awk '{s=0; for (i = 1; i <= NF; i++) s += $i; printf "%.0f", s / NF}'
}
cell() { # proto side op
  local why
  why=$(avail "$1" "$2")
  [ -n "$why" ] && { echo "$why"; return; }
  mean "${RES[$1.$2.$3]:-}"
}
ratio() { [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $2 != 0 ]] && awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}' || echo "-"; }
declare -A LABEL=(
  [sftp]="SFTP (OpenSSH sftp -b) | OpenSSH sftp-server"
  [ftp]="FTP (curl) | vsftpd"
  [webdav]="WebDAV (curl) | rclone serve webdav (the issue names no peer)"
  [nfs]="NFSv3 (libnfs nfs-cp) | nfs-ganesha, FSAL VFS"
  [smb]="SMB3 (smbclient) | Samba on a local folder"
  [fuse]="FUSE strata mount (dd) | the local folder itself (dd)"
)
echo
if [ -n "${STRATA_BIN:-}" ]; then what="strata binary $BIN"; else what="Strata $(git -C "$REPO" describe --always --dirty 2>/dev/null)"; fi
echo "$what on $(date -u '+%F %H:%M UTC'), $(nproc) CPUs," \
  "${SIZE_MIB} MiB file, $ROUNDS rounds (mean), page cache $([ "$DROP" = 1 ] && echo dropped before reads || echo NOT dropped: no permission)"
echo "Load average at start / end: $LOAD0 / $(cut -d' ' -f1-3 /proc/loadavg). Peers: $(ssh -V 2>&1 | cut -d, -f1);" \
  "vsftpd $(dpkg-query -W -f='${Version}' vsftpd 2>/dev/null); $(rclone version 2>/dev/null | head -1);" \
  "nfs-ganesha $(dpkg-query -W -f='${Version}' nfs-ganesha 2>/dev/null); Samba $(smbd --version 2>/dev/null | sed 's/Version //')."
echo
echo "| protocol (client) | peer | Strata write MiB/s | peer write MiB/s | write ratio | Strata read MiB/s | peer read MiB/s | read ratio |"
echo "|---|---|---|---|---|---|---|---|"
for p in "${ALL[@]}"; do
  sw=$(cell "$p" strata write) pw=$(cell "$p" peer write) sr=$(cell "$p" strata read) pr=$(cell "$p" peer read)
  echo "| ${LABEL[$p]} | $sw | $pw | $(ratio "$sw" "$pw") | $sr | $pr | $(ratio "$sr" "$pr") |"
done
echo
echo "Per round: $(for k in $(printf '%s\n' "${!RES[@]}" | sort); do printf '%s=%s; ' "$k" "${RES[$k]% }"; done)"
