package conscience

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var scoreDesc = prometheus.NewDesc("strata_service_score",
	"Conscience score of a service (0-100; 0 is expired or drained).", []string{"id", "type"}, nil)

// collectTimeout bounds a scrape against a remote registry; Collect has no
// context of its own.
const collectTimeout = 5 * time.Second

// Collector exports every service's score as the gauge
// strata_service_score{id,type}, read from the registry at each scrape so
// that expiry shows without a heartbeat.
type Collector struct{ reg Registry }

var _ prometheus.Collector = (*Collector)(nil)

// NewCollector returns a collector over reg.
func NewCollector(reg Registry) *Collector { return &Collector{reg: reg} }

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- scoreDesc }

// Collect implements prometheus.Collector. A registry error becomes an
// invalid metric, so the scrape reports it instead of showing no services.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), collectTimeout)
	defer cancel()
	svcs, err := c.reg.Services(ctx, "")
	if err != nil {
		ch <- prometheus.NewInvalidMetric(scoreDesc, err)
		return
	}
	for _, s := range svcs {
		ch <- prometheus.MustNewConstMetric(scoreDesc, prometheus.GaugeValue, float64(s.Score), s.ID, s.Type)
	}
}
