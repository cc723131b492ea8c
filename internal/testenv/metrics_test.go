package testenv

import "testing"

func TestMetricsLabels(t *testing.T) {
	m := Metrics{
		`strata_fs_requests_total{operation="create"}`:                 3,
		`strata_fs_requests_total{operation="unlink"}`:                 2,
		`strata_meta_txn_conflicts_total{store="a",kind="x"}`:          1,
		`strata_meta_txn_conflicts_total{store="b \"q\", c",kind="y"}`: 4,
		`strata_fn_reallocations_total`:                                7,
		`strata_fs_requests_total_other{operation="create"}`:           9,
	}
	if v, ok := m.Sum("strata_meta_txn_conflicts_total"); !ok || v != 5 {
		t.Errorf("Sum = %v %v, want 5 true", v, ok)
	}
	if v, ok := m.Sum("strata_fn_reallocations_total"); !ok || v != 7 {
		t.Errorf("Sum unlabelled = %v %v, want 7 true", v, ok)
	}
	if _, ok := m.Sum("strata_absent"); ok {
		t.Error("Sum of an absent family found it")
	}
	if got := m.By("strata_fs_requests_total", "operation"); len(got) != 2 || got["create"] != 3 || got["unlink"] != 2 {
		t.Errorf("By operation = %v", got)
	}
	if got := m.By("strata_meta_txn_conflicts_total", "kind"); got["x"] != 1 || got["y"] != 4 {
		t.Errorf("By a second label = %v", got)
	}
	if got := m.By("strata_meta_txn_conflicts_total", "store"); got[`b "q", c`] != 4 {
		t.Errorf("By an escaped value = %v", got)
	}
}
