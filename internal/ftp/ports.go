package ftp

import (
	"strconv"
	"strings"

	ftpserver "github.com/fclairamb/ftpserverlib"

	"github.com/strata-storage/strata/internal/strata"
)

// ParsePorts reads a passive port range, "FIRST-LAST" (or one port); ""
// is nil: any free port. Firewalls in front of the server open the range.
func ParsePorts(s string) (*ftpserver.PortRange, error) {
	const op = "ftp.ParsePorts"
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	first, last, found := strings.Cut(s, "-")
	if !found {
		last = first
	}
	lo, err1 := strconv.ParseUint(strings.TrimSpace(first), 10, 16)
	hi, err2 := strconv.ParseUint(strings.TrimSpace(last), 10, 16)
	if err1 != nil || err2 != nil || lo == 0 || hi < lo {
		return nil, strata.Errorf(op, strata.Invalid, "passive ports %q: want FIRST-LAST, 1 <= FIRST <= LAST <= 65535", s)
	}
	return &ftpserver.PortRange{Start: int(lo), End: int(hi)}, nil
}
