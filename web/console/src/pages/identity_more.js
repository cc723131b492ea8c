import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtDate } from '../ui.js';
import { rest } from '../api.js';

const g = (name) => `/groups/${encodeURIComponent(name)}`;

// Groups lists groups with their members and attached policies.
export function Groups({ users, policies, can }) {
  const [groups, setGroups] = useState([]);
  const [name, setName] = useState('');
  const [member, setMember] = useState({});
  const [pol, setPol] = useState({});
  const { error, run } = useAction();
  const load = () => run(async () => {
    const list = (await rest('GET', '/groups')) || [];
    setGroups(await Promise.all(list.map((x) => rest('GET', g(x.name)))));
  });
  useEffect(() => { load(); }, []);
  const act = (method, path, body) => run(async () => { await rest(method, path, body); await load(); });
  return html`<div><h2>Groups</h2>
    ${can && html`<div class="row"><input id="group-name" placeholder="new group name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <button disabled=${!name} onClick=${() => { act('POST', '/groups', { name }); setName(''); }}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${groups.map((x) => html`<tr key=${x.name}>
      <td>${x.name}</td><td>${fmtDate(x.created)}</td>
      <td>${(x.members || []).map((m) => html`<span class="chip">${m}${can && html` <a href="#" onClick=${(e) => { e.preventDefault(); act('DELETE', `${g(x.name)}/members/${encodeURIComponent(m)}`); }}>×</a>`}</span>`)}</td>
      <td>${(x.attached || []).map((a) => html`<span class="chip">${a.split('/').pop()}</span>`)}</td>
      <td class="actions">${can && html`
        <select value=${member[x.name] || ''} onChange=${(e) => { const v = e.target.value; setMember((m) => Object.assign({}, m, { [x.name]: v })); }}>
          <option value="">add member…</option>${users.map((us) => html`<option value=${us.name}>${us.name}</option>`)}</select>
        <button disabled=${!member[x.name]} onClick=${() => act('PUT', `${g(x.name)}/members/${encodeURIComponent(member[x.name])}`)}>Add</button>
        <select value=${pol[x.name] || ''} onChange=${(e) => { const v = e.target.value; setPol((p) => Object.assign({}, p, { [x.name]: v })); }}>
          <option value="">attach policy…</option>${policies.map((p) => html`<option value=${p.arn}>${p.name}</option>`)}</select>
        <button disabled=${!pol[x.name]} onClick=${() => act('POST', `${g(x.name)}/policies/attached`, { arn: pol[x.name] })}>Attach</button>
        <button class="danger" onClick=${() => act('DELETE', g(x.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${ErrorBox} error=${error} /></div>`;
}

// Simulator answers "may user U do action A on resource R", with the
// statements that decided it.
export function Simulator({ users }) {
  const [user, setUser] = useState('');
  const [action, setAction] = useState('s3:PutObject');
  const [resource, setResource] = useState('arn:aws:s3:::bucket/key');
  const [res, setRes] = useState(null);
  const { error, run } = useAction();
  const ask = (e) => { e.preventDefault(); run(async () => setRes(await rest('POST', '/iam/simulate', { user, action, resource }))); };
  return html`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${ask}>
      <select id="sim-user" value=${user} onChange=${(e) => setUser(e.target.value)}><option value="">account root</option>
        ${users.map((us) => html`<option value=${us.name}>${us.name}</option>`)}</select>
      <input id="sim-action" value=${action} onInput=${(e) => setAction(e.target.value)} />
      <input id="sim-resource" class="wide" value=${resource} onInput=${(e) => setResource(e.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${res && html`<div id="sim-result" class=${res.allowed ? 'ok' : 'error'} data-allowed=${String(res.allowed)}>
      <b>${res.allowed ? 'Allowed' : 'Denied'}</b> for ${res.principal}: ${res.reason}
      <ul>${(res.statements || []).map((s) => html`<li>${s.effect} by statement ${s.index}${s.sid ? ` (${s.sid})` : ''} of ${s.source}</li>`)}</ul></div>`}
    <${ErrorBox} error=${error} /></div>`;
}
