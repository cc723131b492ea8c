import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtBytes, fmtDate } from '../ui.js';
import { rest } from '../api.js';
import { QoSLimits } from './qos.js';
import { quotaAlerts } from './quota.js';
import { ClusterMap } from './clustermap.js';

// Cluster shows a live map of the cluster (clustermap.js), then every
// service with its conscience score, refreshed every second, grouped by host (site › rack › host), the score formula, the
// volumes' capacity, alerts and jobs. All of it comes from the REST API.
export function Cluster({ session }) {
  const [services, setServices] = useState([]);
  const [nodes, setNodes] = useState(null);
  const [jobs, setJobs] = useState([]);
  const [qalerts, setQAlerts] = useState([]);
  const [tick, setTick] = useState(0);
  const { error, run, setError } = useAction();
  useEffect(() => {
    let stop = false;
    let polls = 0;
    const poll = async () => {
      try {
        // The nodes give the map its site › rack › host boxes; without
        // them the map groups the services by their location.
        const [s, nd] = await Promise.all([rest('GET', '/cluster/services'), rest('GET', '/cluster/nodes').catch(() => null)]);
        let j = [];
        try { j = await rest('GET', '/jobs'); } catch { /* jobs may be refused to this user */ }
        // Quota alerts read every quota's usage: every 10th poll only, and
        // not awaited, so that they do not hold back the services.
        if (polls++ % 10 === 0) quotaAlerts().then((qa) => { if (!stop) setQAlerts(qa); });
        if (!stop) { setServices(s || []); setNodes(nd); setJobs(j || []); setError(null); setTick((t) => t + 1); }
      } catch (e) { if (!stop) setError(e); }
    };
    poll();
    const t = setInterval(poll, 1000);
    return () => { stop = true; clearInterval(t); };
  }, []);
  const lock = (id, locked) => run(async () => {
    await rest('POST', `/cluster/services/${encodeURIComponent(id)}/${locked ? 'unlock' : 'lock'}`, locked ? undefined : { score: 0 });
  });
  const startJob = (kind) => run(async () => { await rest('POST', '/jobs', { kind }); });
  const groups = new Map();
  for (const s of services) {
    // A location is site.rack.host.volume: group by the host.
    const g = String(s.location || '').split('.').slice(0, 3).join(' › ') || 'local';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(s);
  }
  const alerts = alertsOf(services, jobs).concat(qalerts);
  return html`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${tick}>live, every second</span></h2>
    <${ErrorBox} error=${error} />
    ${alerts.length > 0 && html`<ul class="alerts" id="alerts">${alerts.map((a) => html`<li class=${a.level} data-quota=${a.quota}>${a.text}</li>`)}</ul>`}
    <${ClusterMap} nodes=${nodes} services=${services} />
    ${[...groups.entries()].map(([g, list]) => html`<div class="host" key=${g}><h3>${g}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${list.map((s) => html`<tr key=${s.id} data-service=${s.id} data-score=${s.score} data-locked=${String(!!s.locked)}>
        <td><code>${s.id}</code></td><td>${s.type}</td><td>${s.addr}</td>
        <td><div class="score"><div class="bar" style=${{ width: `${s.score}%` }}></div><span>${s.score}${s.locked ? ' (locked)' : ''}</span></div></td>
        <td>${s.stats && s.stats.total_bytes ? `${fmtBytes(s.stats.total_bytes - s.stats.free_bytes)} used of ${fmtBytes(s.stats.total_bytes)}` : ''}</td>
        <td>${fmtDate(s.updated)}</td>
        <td>${session.can.admin && html`<button data-lock=${s.id} onClick=${() => lock(s.id, s.locked)}>${s.locked ? 'Unlock' : 'Lock'}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${Formula} admin=${session.can.admin} />
    ${session.can.admin && html`<${QoSLimits} />`}
    <h3>Jobs</h3>
    ${session.can.admin && html`<div class="row">${['scrub', 'improve', 'gc', 'rebuild'].map((k) => html`<button data-job=${k} onClick=${() => startJob(k)}>Start ${k}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${jobs.map((j) => html`<tr key=${j.id} data-job-id=${j.id} data-state=${j.state}><td><code>${j.id}</code></td><td>${j.kind}</td><td>${j.state}${j.error ? `: ${j.error}` : ''}</td>
        <td>${fmtDate(j.started)}</td><td><code>${j.progress || j.result ? JSON.stringify(j.progress || j.result).slice(0, 160) : ''}</code></td></tr>`)}</tbody></table>
  </section>`;
}

// alertsOf derives the alerts the page raises: a service not heard from,
// a volume nearly full, a rebuild running.
function alertsOf(services, jobs) {
  const out = [];
  const now = Date.now();
  for (const s of services) {
    const age = now - new Date(s.updated).getTime();
    if (age > 30000) out.push({ level: 'bad', text: `${s.id} has not reported for ${Math.round(age / 1000)} s: down?` });
    const st = s.stats || {};
    if (st.total_bytes && st.free_bytes / st.total_bytes < 0.1) out.push({ level: 'warn', text: `${s.id} is ${Math.round(100 - (100 * st.free_bytes) / st.total_bytes)}% full` });
  }
  for (const j of jobs) if (j.kind === 'rebuild' && j.state === 'running') out.push({ level: 'warn', text: `rebuild ${j.id} is running` });
  return out;
}

function Formula({ admin }) {
  const [f, setF] = useState('');
  const [saved, setSaved] = useState('');
  const { error, run } = useAction();
  useEffect(() => { run(async () => setF((await rest('GET', '/cluster/formula')).formula)); }, []);
  const save = () => run(async () => { await rest('PUT', '/cluster/formula', { formula: f }); setSaved('saved'); });
  return html`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${f} readonly=${!admin} onInput=${(e) => { setF(e.target.value); setSaved(''); }} />
    ${admin && html` <button onClick=${save}>Save</button>`} ${saved && html`<span class="ok">${saved}</span>`}
    <${ErrorBox} error=${error} /></div>`;
}
