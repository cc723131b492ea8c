package sftp

import (
	"encoding/binary"
	"testing"
)

func sshString(s string) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(s)))
	return append(b, s...)
}

func TestSubsystem(t *testing.T) {
	for _, c := range []struct {
		payload []byte
		want    string
	}{
		{sshString("sftp"), "sftp"},
		{append(sshString("sftp"), "trailing"...), "sftp"},
		{nil, ""},
		{[]byte{0, 0, 0}, ""},
		{[]byte{0xff, 0xff, 0xff, 0xff, 's'}, ""},
		{[]byte{0, 0, 0, 5, 's', 'f', 't', 'p'}, ""},
	} {
		if got := subsystem(c.payload); got != c.want {
			t.Errorf("subsystem(%q) = %q, want %q", c.payload, got, c.want)
		}
	}
}

// FuzzSubsystem: any payload decodes without panic to a string no
// longer than the payload, and an encoded name decodes to itself.
func FuzzSubsystem(f *testing.F) {
	f.Add(sshString("sftp"))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, payload []byte) {
		got := subsystem(payload)
		if len(got) > len(payload) {
			t.Fatalf("decoded %d bytes from %d", len(got), len(payload))
		}
		if len(payload) < 1<<16 {
			if back := subsystem(sshString(string(payload))); back != string(payload) {
				t.Fatalf("round trip of %q gave %q", payload, back)
			}
		}
	})
}
