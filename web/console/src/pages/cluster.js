import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtBytes, fmtDate } from '../ui.js';
import { admin } from '../api.js';

// Cluster shows every service with its conscience score, refreshed every
// second, grouped by site, rack and host.
export function Cluster({ session }) {
  const [services, setServices] = useState([]);
  const [tick, setTick] = useState(0);
  const { error, run, setError } = useAction();
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try { const s = await admin('GET', 'admin/services'); if (!stop) { setServices(s || []); setError(null); setTick((t) => t + 1); } } catch (e) { if (!stop) setError(e); }
    };
    poll();
    const t = setInterval(poll, 1000);
    return () => { stop = true; clearInterval(t); };
  }, []);
  const lock = (id, locked) => run(async () => {
    await admin('POST', locked ? 'admin/unlock' : 'admin/lock', locked ? { id } : { id, score: '0' });
  });
  const groups = new Map();
  for (const s of services) {
    // A location is site.rack.host.volume: group by the host.
    const g = String(s.location || '').split('.').slice(0, 3).join(' › ') || 'local';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(s);
  }
  return html`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${tick}>live, every second</span></h2>
    <${ErrorBox} error=${error} />
    ${[...groups.entries()].map(([g, list]) => html`<div class="host" key=${g}><h3>${g}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Space</th><th>Updated</th><th></th></tr></thead>
      <tbody>${list.map((s) => html`<tr key=${s.id} data-service=${s.id} data-score=${s.score} data-locked=${String(!!s.locked)}>
        <td><code>${s.id}</code></td><td>${s.type}</td><td>${s.addr}</td>
        <td><div class="score"><div class="bar" style=${{ width: `${s.score}%` }}></div><span>${s.score}${s.locked ? ' 🔒' : ''}</span></div></td>
        <td>${s.stats && s.stats.total_bytes ? `${fmtBytes(s.stats.free_bytes)} free of ${fmtBytes(s.stats.total_bytes)}` : ''}</td>
        <td>${fmtDate(s.updated)}</td>
        <td>${session.can.admin && html`<button data-lock=${s.id} onClick=${() => lock(s.id, s.locked)}>${s.locked ? 'Unlock' : 'Lock'}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
  </section>`;
}
