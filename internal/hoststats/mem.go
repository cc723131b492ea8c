package hoststats

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// MemAvailablePercent is the share of the host's memory available to new
// work (MemAvailable / MemTotal in /proc/meminfo), or 100 where unknown.
func MemAvailablePercent() float64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 100
	}
	defer f.Close()
	var total, avail float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		v, _ := strconv.ParseFloat(fields[1], 64)
		switch fields[0] {
		case "MemTotal:":
			total = v
		case "MemAvailable:":
			avail = v
		}
	}
	if total <= 0 {
		return 100
	}
	return 100 * avail / total
}
