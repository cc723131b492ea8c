import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { rest, getCSRF } from '../api.js';

const f = (name) => `/functions/${encodeURIComponent(name)}`;
const show = (v) => JSON.stringify(v, null, 2);

function base64(buf) {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

// fnStats sums a function's recent invocation records: counts by result,
// cold starts, and run time and event lag quantiles.
export function fnStats(recs) {
  const q = (xs, p) => { if (!xs.length) return 0; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
  const by = {};
  for (const r of recs) by[r.result] = (by[r.result] || 0) + 1;
  const dur = recs.map((r) => r.duration_ms || 0);
  const lag = recs.filter((r) => r.lag_ms).map((r) => r.lag_ms);
  return { invocations: recs.length, ok: by.ok || 0, failed: recs.length - (by.ok || 0), by,
    cold: recs.filter((r) => r.cold).length, p50_ms: q(dur, 0.5), p99_ms: q(dur, 0.99), lag_p50_ms: q(lag, 0.5) };
}

// Functions deploys (a manifest and a WebAssembly module), lists, invokes
// and shows the logs and recent figures of functions; Events lists targets and dead letters,
// with redrive. Both through the REST API.
export function Functions({ session }) {
  const [list, setList] = useState([]);
  const [manifest, setManifest] = useState('{\n  "name": "thumbnail",\n  "runtime": "wasm",\n  "triggers": []\n}');
  const [module, setModule] = useState(null);
  const [out, setOut] = useState(null);
  const [payload, setPayload] = useState('{}');
  const { error, busy, run } = useAction();
  const load = () => run(async () => setList((await rest('GET', '/functions')) || []));
  useEffect(() => { load(); }, []);
  const deploy = () => run(async () => {
    const m = JSON.parse(manifest);
    const body = { manifest: m };
    if (module) body.module = base64(await module.arrayBuffer());
    setOut(await rest('PUT', f(m.name), body));
    await load();
  });
  const invoke = (name) => run(async () => {
    const res = await fetch(`/_strata/api/v1${f(name)}/invoke`, { method: 'POST', credentials: 'same-origin',
      headers: { 'X-CSRF-Token': getCSRF(), 'Content-Type': 'application/json' }, body: payload });
    setOut({ status: res.status, body: await res.text() });
  });
  const logs = (name) => run(async () => setOut(await rest('GET', `${f(name)}/logs?limit=20`)));
  const [stats, setStats] = useState(null);
  const statsOf = (name) => run(async () => setStats({ name, ...fnStats((await rest('GET', `${f(name)}/logs?limit=500`)) || []) }));
  const remove = (name) => run(async () => { await rest('DELETE', f(name)); await load(); });
  return html`<section>
    <h2>Functions</h2>
    <${ErrorBox} error=${error} />
    <table class="list" id="function-list"><tbody>${list.map((x) => {
      const name = x.name || (x.manifest && x.manifest.name) || '?';
      return html`<tr key=${name} data-function=${name}><td><b>${name}</b></td><td><code>${show(x).slice(0, 200)}</code></td>
        <td class="actions"><button onClick=${() => invoke(name)}>Invoke</button><button onClick=${() => logs(name)}>Logs</button><button data-stats=${name} onClick=${() => statsOf(name)}>Stats</button>
        ${session.can.admin && html`<button class="danger" onClick=${() => remove(name)}>Remove</button>`}</td></tr>`;
    })}</tbody></table>
    ${stats && html`<table class="list" id="fn-stats" data-function=${stats.name} data-invocations=${stats.invocations} data-ok=${stats.ok}>
      <thead><tr><th>${stats.name}: last ${stats.invocations} invocations</th><th>ok</th><th>failed</th><th>cold starts</th><th>run p50</th><th>run p99</th><th>event → start p50</th></tr></thead>
      <tbody><tr><td>${Object.entries(stats.by).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}</td><td>${stats.ok}</td><td>${stats.failed}</td><td>${stats.cold}</td>
        <td>${stats.p50_ms.toFixed(1)} ms</td><td>${stats.p99_ms.toFixed(1)} ms</td><td>${stats.lag_p50_ms.toFixed(1)} ms</td></tr></tbody></table>`}
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${payload} onInput=${(e) => setPayload(e.target.value)}></textarea>
    ${session.can.admin && html`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${manifest} onInput=${(e) => setManifest(e.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${(e) => setModule(e.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${busy} onClick=${deploy}>Deploy</button></div></div>`}
    ${out && html`<pre class="policy-view" id="fn-out">${typeof out === 'string' ? out : show(out)}</pre>`}
    <${Events} admin=${session.can.admin} />
  </section>`;
}

function Events({ admin }) {
  const [targets, setTargets] = useState([]);
  const [dead, setDead] = useState([]);
  const [msg, setMsg] = useState('');
  const { error, run } = useAction();
  const load = () => run(async () => {
    setTargets((await rest('GET', '/events/targets')) || []);
    setDead((await rest('GET', '/events/dead')) || []);
  });
  useEffect(() => { load(); }, []);
  const redrive = (target) => run(async () => { setMsg(show(await rest('POST', '/events/redrive', { target }))); await load(); });
  const arnOf = (t) => t.arn || t.ARN || t.target || t.name || '';
  return html`<div><h2>Event targets</h2>
    <${ErrorBox} error=${error} />
    <table class="list" id="target-list"><tbody>${targets.map((t) => html`<tr key=${arnOf(t)}><td><code>${arnOf(t)}</code></td><td><code>${show(t).slice(0, 240)}</code></td>
      <td class="actions">${admin && html`<button onClick=${() => redrive(arnOf(t))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(dead) ? dead.length : 0})</h3>
    <pre class="policy-view">${show(dead).slice(0, 4000)}</pre>
    ${msg && html`<pre class="ok">${msg}</pre>`}
  </div>`;
}
