package conscience

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
)

var scoreDesc = prometheus.NewDesc("strata_service_score", "Conscience score of a service (0-100).", []string{"id", "type"}, nil)

// Collector exports every service's score as a Prometheus gauge.
type Collector struct{ reg Registry }

// NewCollector returns a collector over reg.
func NewCollector(reg Registry) *Collector { return &Collector{reg: reg} }

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- scoreDesc }

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	svcs, err := c.reg.Services(context.Background(), "")
	if err != nil {
		return
	}
	for _, s := range svcs {
		ch <- prometheus.MustNewConstMetric(scoreDesc, prometheus.GaugeValue, float64(s.Score), s.ID, s.Type)
	}
}
