package usage

import (
	"bytes"
	"encoding/binary"
	"time"
)

// Key layout in the root meta engine (beside the directory's m0/ and
// m1/, the IAM's I/ and the outbox's E/):
//
//	U/t/<hour:8><account>\x00<bucket>  -> Traffic JSON, summed over every gateway
//	U/s/<hour:8><account>\x00<bucket>  -> Stored JSON, one sample per hour
//	U/g/<gateway id>                   -> the gateway's last applied spool sequence number
//
// Samples are keyed by hour first: a month is one range scan, and
// expiry deletes a prefix range. Hours are unix hours, big-endian.
var (
	trafficPref = []byte("U/t/")
	storedPref  = []byte("U/s/")
	gatewayPref = []byte("U/g/")
)

// Hour is a whole UTC hour, counted from the unix epoch.
type Hour int64

// HourOf is the hour t falls in.
func HourOf(t time.Time) Hour { return Hour(t.Unix() / 3600) }

// Time is the start of the hour.
func (h Hour) Time() time.Time { return time.Unix(int64(h)*3600, 0).UTC() }

func sampleKey(pref []byte, h Hour, account, bucket string) []byte {
	k := make([]byte, 0, len(pref)+8+len(account)+1+len(bucket))
	k = append(k, pref...)
	k = binary.BigEndian.AppendUint64(k, uint64(h))
	k = append(k, account...)
	k = append(k, 0)
	return append(k, bucket...)
}

// hourKey is the first key of hour h under pref.
func hourKey(pref []byte, h Hour) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(nil), pref...), uint64(h))
}

// parseSampleKey splits a sample key; ok is false for a malformed one.
func parseSampleKey(pref, k []byte) (h Hour, account, bucket string, ok bool) {
	if !bytes.HasPrefix(k, pref) || len(k) < len(pref)+9 {
		return 0, "", "", false
	}
	k = k[len(pref):]
	h = Hour(binary.BigEndian.Uint64(k))
	a, b, found := bytes.Cut(k[8:], []byte{0})
	if !found {
		return 0, "", "", false
	}
	return h, string(a), string(b), true
}

func gatewayKey(id string) []byte { return append(append([]byte(nil), gatewayPref...), id...) }
