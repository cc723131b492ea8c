package cluster

// StopKeepAlive makes a heartbeater behave as a crashed node: its lease
// is no longer renewed, nor revoked.
func (h *Heartbeater) StopKeepAlive() { h.stopKeepAlive() }

// DigestKey is where the score digest is published.
const DigestKey = digestKey

// ElectionKey is the prefix of the digest publisher's election.
const ElectionKey = electionKey
