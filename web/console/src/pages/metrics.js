import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox } from '../ui.js';

// parse reads the Prometheus text format into {family: total}; histogram
// and summary families are summed by their _count and _sum series.
function parse(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (!line || line[0] === '#') continue;
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);
    if (!m) continue;
    if (m[1].endsWith('_bucket')) continue;
    const v = Number(m[3]);
    if (!isFinite(v)) continue;
    out.set(m[1], (out.get(m[1]) || 0) + v);
  }
  return out;
}

// Metrics shows the node's Prometheus registry, with per-second rates of
// every series family computed between two scrapes 2 s apart.
export function Metrics() {
  const [rows, setRows] = useState([]);
  const [filter, setFilter] = useState('strata_');
  const [error, setError] = useState(null);
  useEffect(() => {
    let prev = null;
    let stop = false;
    const poll = async () => {
      try {
        const res = await fetch('/_strata/metrics', { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`metrics: HTTP ${res.status}`);
        const now = { t: performance.now(), m: parse(await res.text()) };
        const r = [];
        for (const [k, v] of now.m) {
          const rate = prev && prev.m.has(k) ? ((v - prev.m.get(k)) * 1000) / (now.t - prev.t) : null;
          r.push({ k, v, rate });
        }
        r.sort((a, b) => a.k.localeCompare(b.k));
        prev = now;
        if (!stop) { setRows(r); setError(null); }
      } catch (e) { if (!stop) setError(e); }
    };
    poll();
    const t = setInterval(poll, 2000);
    return () => { stop = true; clearInterval(t); };
  }, []);
  const shown = rows.filter((r) => r.k.includes(filter));
  return html`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${filter} onInput=${(e) => setFilter(e.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${ErrorBox} error=${error} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${shown.map((r) => html`<tr key=${r.k}><td><code>${r.k}</code></td><td>${r.v.toLocaleString()}</td>
        <td>${r.rate === null ? '' : r.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`;
}
