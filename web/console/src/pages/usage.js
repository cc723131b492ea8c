import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtBytes } from '../ui.js';
import { rest } from '../api.js';

const day = 24 * 3600 * 1000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

function csv(rows) {
  const head = 'account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes';
  const q = (s) => `"${String(s).replace(/"/g, '""')}"`;
  return [head].concat(rows.map((r) => [q(r.account), q(r.bucket), r.traffic.put, r.traffic.get, r.traffic.delete,
    r.traffic.bytes_in, r.traffic.bytes_out, r.stored.objects, r.stored.logical_bytes].join(','))).join('\n') + '\n';
}

// Bars draws one series of hourly values as an SVG bar chart.
function Bars({ points, label }) {
  const max = Math.max(1, ...points.map((p) => p.v));
  const w = 720, h = 120, bw = Math.max(1, w / Math.max(1, points.length));
  return html`<figure class="chart"><figcaption>${label} (max ${max.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${w} ${h}`} width=${w} height=${h} role="img" aria-label=${label}>
      ${points.map((p, i) => html`<rect x=${i * bw} y=${h - (h * p.v) / max} width=${Math.max(1, bw - 1)} height=${(h * p.v) / max} class="bar"><title>${p.t}: ${p.v}</title></rect>`)}
    </svg></figure>`;
}

// Usage shows requests, bytes and storage per account and bucket over a
// period, hourly charts, and a CSV export (the usage routes of the REST
// API; the administrator sees every account, an account's root its own).
export function Usage() {
  const [from, setFrom] = useState(iso(Date.now() - 7 * day));
  const [to, setTo] = useState(iso(Date.now() + day));
  const [report, setReport] = useState(null);
  const [samples, setSamples] = useState(null);
  const [missing, setMissing] = useState(false);
  const { error, run } = useAction();
  const load = () => run(async () => {
    try {
      const q = new URLSearchParams({ from, to });
      setReport(await rest('GET', `/usage?${q}`));
      setSamples(await rest('GET', `/usage/samples?${q}`));
    } catch (e) {
      if (e.status === 404) { setMissing(true); return; }
      throw e;
    }
  });
  useEffect(() => { load(); }, []);
  const rows = (report && report.rows) || [];
  const byHour = new Map();
  for (const s of (samples && samples.traffic) || []) {
    const p = byHour.get(s.hour) || { req: 0, bytes: 0 };
    p.req += s.put + s.get + s.delete; p.bytes += s.bytes_in + s.bytes_out;
    byHour.set(s.hour, p);
  }
  const hours = [...byHour.keys()].sort((a, b) => a - b);
  const label = (h) => new Date(h * 3600 * 1000).toISOString().slice(0, 13);
  const exportHref = rows.length ? URL.createObjectURL(new Blob([csv(rows)], { type: 'text/csv' })) : '';
  return html`<section><h2>Usage</h2>
    ${missing ? html`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>` : html`
    <form class="row" onSubmit=${(e) => { e.preventDefault(); load(); }}>
      <label>from <input type="date" value=${from} onInput=${(e) => setFrom(e.target.value)} /></label>
      <label>to <input type="date" value=${to} onInput=${(e) => setTo(e.target.value)} /></label>
      <button type="submit">Show</button>
      ${exportHref && html`<a class="button" href=${exportHref} download=${`usage-${from}-${to}.csv`}>Export CSV</a>`}</form>
    <${ErrorBox} error=${error} />
    ${hours.length > 0 && html`<${Bars} label="requests per hour" points=${hours.map((h) => ({ t: label(h), v: byHour.get(h).req }))} />
      <${Bars} label="bytes in + out per hour" points=${hours.map((h) => ({ t: label(h), v: byHour.get(h).bytes }))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr key=${r.account + '/' + r.bucket}><td>${r.account}</td><td>${r.bucket || '(none)'}</td>
        <td>${r.traffic.put}</td><td>${r.traffic.get}</td><td>${r.traffic.delete}</td>
        <td>${fmtBytes(r.traffic.bytes_in)}</td><td>${fmtBytes(r.traffic.bytes_out)}</td>
        <td>${r.stored.objects}</td><td>${fmtBytes(r.stored.logical_bytes)}</td></tr>`)}</tbody></table>`}
  </section>`;
}
