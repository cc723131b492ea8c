package strata

import "strings"

// Location places a service in the topology: "site.rack.host.volume".
// Fewer parts are allowed; missing leading parts are treated as equal.
type Location string

// Parts returns the location split on dots, padded on the left to four parts.
func (l Location) Parts() [4]string {
	var out [4]string
	p := strings.Split(string(l), ".")
	if len(p) > 4 {
		p = append([]string{strings.Join(p[:len(p)-3], ".")}, p[len(p)-3:]...)
	}
	copy(out[4-len(p):], p)
	return out
}

// Distance is how far apart two locations are: 0 same volume, 1 same host,
// 2 same rack, 3 same site, 4 different sites.
func (l Location) Distance(o Location) int {
	a, b := l.Parts(), o.Parts()
	for i := 0; i < 4; i++ {
		if a[i] != b[i] {
			return 4 - i
		}
	}
	return 0
}

// Host returns "site.rack.host", the failure domain copies must avoid sharing.
func (l Location) Host() string {
	p := l.Parts()
	return p[0] + "." + p[1] + "." + p[2]
}
