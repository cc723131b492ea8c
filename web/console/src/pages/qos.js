import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { rest } from '../api.js';

// scopeOf names a limit as the API does: "cluster", "account/NAME",
// "bucket/NAME".
const scopeOf = (l) => (l.kind === 'cluster' ? 'cluster' : `${l.kind}/${l.name}`);

// QoSLimits lists and edits the request-rate and bandwidth limits (REST
// /qos/limits); over a limit the gateway answers 503 SlowDown. fixed, if
// set, edits that one scope only (a bucket's settings tab).
export function QoSLimits({ fixed }) {
  const [limits, setLimits] = useState([]);
  const [form, setForm] = useState({ scope: fixed || 'account/', requests_per_sec: '', bytes_in_per_sec: '', bytes_out_per_sec: '' });
  const [saved, setSaved] = useState('');
  const { error, run } = useAction();
  const load = () => run(async () => {
    const all = (await rest('GET', '/qos/limits')) || [];
    setLimits(fixed ? all.filter((l) => scopeOf(l) === fixed) : all);
  });
  useEffect(() => { load(); }, [fixed]);
  const num = (v) => (v === '' ? 0 : Number(v));
  const save = (e) => {
    e.preventDefault();
    run(async () => {
      await rest('PUT', `/qos/limits/${form.scope}`, { requests_per_sec: num(form.requests_per_sec),
        bytes_in_per_sec: num(form.bytes_in_per_sec), bytes_out_per_sec: num(form.bytes_out_per_sec) });
      setSaved(`limit on ${form.scope} saved`);
      await load();
    });
  };
  const del = (scope) => run(async () => { await rest('DELETE', `/qos/limits/${scope}`); await load(); });
  const set = (k) => (e) => { const v = e.target.value; setForm((f) => Object.assign({}, f, { [k]: v })); setSaved(''); };
  return html`<div class="settings" id="qos"><h3>QoS limits</h3>
    <table class="list"><thead><tr><th>Scope</th><th>Requests/s</th><th>Burst</th><th>In B/s</th><th>Out B/s</th><th></th></tr></thead>
      <tbody>${limits.map((l) => html`<tr key=${scopeOf(l)} data-qos=${scopeOf(l)}><td>${scopeOf(l)}</td><td>${l.requests_per_sec || ''}</td>
        <td>${l.burst || ''}</td><td>${l.bytes_in_per_sec || ''}</td><td>${l.bytes_out_per_sec || ''}</td>
        <td class="actions"><button class="danger" onClick=${() => del(scopeOf(l))}>Remove</button></td></tr>`)}</tbody></table>
    <form class="row" onSubmit=${save}>
      ${!fixed && html`<input id="qos-scope" value=${form.scope} onInput=${set('scope')} title="cluster, account/NAME or bucket/NAME" />`}
      <label>requests/s <input id="qos-rps" type="number" min="0" step="any" value=${form.requests_per_sec} onInput=${set('requests_per_sec')} /></label>
      <label>in B/s <input type="number" min="0" value=${form.bytes_in_per_sec} onInput=${set('bytes_in_per_sec')} /></label>
      <label>out B/s <input type="number" min="0" value=${form.bytes_out_per_sec} onInput=${set('bytes_out_per_sec')} /></label>
      <button id="qos-save" type="submit">Set limit</button>${saved && html`<span class="ok">${saved}</span>`}</form>
    <${ErrorBox} error=${error} /></div>`;
}
