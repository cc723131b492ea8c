package conscience

import (
	"context"
	"errors"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/strata-storage/strata/internal/strata"
)

func TestCollector(t *testing.T) {
	ctx := t.Context()
	l := newLocal(t, Config{Formula: "cpu"})
	l.Register(ctx, blob("v1", strata.Stats{CPUIdle: 42}))
	l.Register(ctx, strata.Service{ID: "gw", Type: strata.ServiceGateway, Stats: idle})
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(l))
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		if mf.GetName() != "strata_service_score" {
			t.Fatalf("unexpected family %s", mf.GetName())
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, lp := range m.GetLabel() {
				labels[lp.GetName()] = lp.GetValue()
			}
			got[labels["id"]+"/"+labels["type"]] = m.GetGauge().GetValue()
		}
	}
	if len(got) != 2 || got["v1/blob"] != 42 || got["gw/gateway"] != 100 {
		t.Fatalf("gauges %v", got)
	}

	bad := prometheus.NewPedanticRegistry()
	bad.MustRegister(NewCollector(failing{}))
	if _, err := bad.Gather(); err == nil {
		t.Fatal("a registry error did not reach the scrape")
	}
}

type failing struct{ Registry }

func (failing) Services(context.Context, string) ([]strata.Service, error) {
	return nil, errors.New("unreachable")
}
