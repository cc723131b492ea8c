import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, Confirm, useAction, fmtDate, validatePolicy } from '../ui.js';
import { rest, encodeKey } from '../api.js';
import { Groups, Simulator } from './identity_more.js';

const u = (name) => `/users/${encodeURIComponent(name)}`;

// Identity manages the account's users, keys, groups and policies through
// the REST API; the API refuses what the session's user may not do.
export function Identity({ session }) {
  const [users, setUsers] = useState(null);
  const [policies, setPolicies] = useState([]);
  const [accounts, setAccounts] = useState(null);
  const [name, setName] = useState('');
  const [open, setOpen] = useState('');
  const [confirm, setConfirm] = useState('');
  const { error, busy, run } = useAction();
  const load = () => run(async () => {
    setUsers((await rest('GET', '/users')) || []);
    setPolicies((await rest('GET', '/policies')) || []);
    if (session.can.admin) setAccounts((await rest('GET', '/accounts')) || []);
  });
  useEffect(() => { load(); }, []);
  const create = (e) => {
    e.preventDefault();
    run(async () => { await rest('POST', '/users', { name }); setName(''); await load(); });
  };
  // Deleting a user removes its keys and policies first, as IAM requires.
  const remove = (user) => run(async () => {
    setConfirm('');
    for (const k of (await rest('GET', `${u(user)}/keys`)) || []) await rest('DELETE', `${u(user)}/keys/${encodeURIComponent(k.access_key)}`);
    const h = await rest('GET', `${u(user)}/policies`);
    for (const arn of h.attached || []) await rest('DELETE', `${u(user)}/policies/attached/${encodeKey(arn)}`);
    for (const p of Object.keys(h.inline || {})) await rest('DELETE', `${u(user)}/policies/inline/${encodeURIComponent(p)}`);
    await rest('DELETE', u(user));
    await load();
  });
  return html`<section>
    <h2>Users</h2>
    ${session.can.iam && html`<form class="row" id="create-user" onSubmit=${create}>
      <input id="user-name" placeholder="new user name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${busy || !name}>Create user</button></form>`}
    <${ErrorBox} error=${error} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(users || []).map((x) => html`<tr key=${x.name} data-user=${x.name}><td>${x.name}</td><td><code>${x.id}</code></td><td>${fmtDate(x.created)}</td>
        <td class="actions"><button data-open=${x.name} onClick=${() => setOpen(open === x.name ? '' : x.name)}>Keys & policies</button>
        ${session.can.iam && html`<button class="danger" onClick=${() => setConfirm(x.name)}>Delete</button>`}</td></tr>
        ${open === x.name && html`<tr><td colspan="4"><${UserDetail} user=${x.name} policies=${policies} /></td></tr>`}`)}
    </tbody></table>
    <${Groups} users=${users || []} policies=${policies} can=${session.can.iam} />
    <${Policies} policies=${policies} reload=${load} can=${session.can.iam} />
    <${Simulator} users=${users || []} />
    ${accounts && html`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${accounts.map((a) => html`<tr key=${a.id}><td>${a.name}</td><td>${a.id}</td><td>${fmtDate(a.created)}</td></tr>`)}</tbody></table>`}
    ${confirm && html`<${Confirm} title="Delete user" name=${confirm} onYes=${() => remove(confirm)} onNo=${() => setConfirm('')} />`}
  </section>`;
}

function UserDetail({ user, policies }) {
  const [keys, setKeys] = useState([]);
  const [held, setHeld] = useState({ inline: {}, attached: [] });
  const [secret, setSecret] = useState(null);
  const [pick, setPick] = useState('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
  const { error, run } = useAction();
  const load = () => run(async () => {
    setKeys((await rest('GET', `${u(user)}/keys`)) || []);
    const h = await rest('GET', `${u(user)}/policies`);
    setHeld({ inline: (h && h.inline) || {}, attached: (h && h.attached) || [] });
  });
  useEffect(() => { load(); }, [user]);
  const newKey = () => run(async () => { setSecret(await rest('POST', `${u(user)}/keys`)); await load(); });
  const act = (method, path, body) => run(async () => { await rest(method, path, body); await load(); });
  return html`<div class="settings" id="user-detail">
    <h3>Access keys of ${user}</h3>
    ${secret && html`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${secret.access_key}</code> <code id="new-key-secret">${secret.secret_key}</code>
      <button onClick=${() => setSecret(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${keys.map((k) => html`<tr key=${k.access_key}><td><code>${k.access_key}</code></td><td>${k.status}</td><td>${fmtDate(k.created)}</td>
      <td class="actions"><button onClick=${() => act('PUT', `${u(user)}/keys/${encodeURIComponent(k.access_key)}`, { status: k.status === 'Active' ? 'Inactive' : 'Active' })}>
        ${k.status === 'Active' ? 'Deactivate' : 'Activate'}</button>
      <button class="danger" onClick=${() => act('DELETE', `${u(user)}/keys/${encodeURIComponent(k.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${newKey}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${held.attached.map((arn) => html`<li key=${arn}>${arn.split('/').pop()} <code>${arn}</code>
      <button onClick=${() => act('DELETE', `${u(user)}/policies/attached/${encodeKey(arn)}`)}>Detach</button></li>`)}
      ${Object.keys(held.inline).map((n) => html`<li key=${n}>inline: ${n}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${pick} onChange=${(e) => setPick(e.target.value)}>
      ${policies.map((p) => html`<option key=${p.arn} value=${p.arn}>${p.name}${p.builtin ? ' (AWS managed)' : ''}</option>`)}</select>
      <button id="attach-btn" onClick=${() => act('POST', `${u(user)}/policies/attached`, { arn: pick })}>Attach</button></div>
    <${ErrorBox} error=${error} />
  </div>`;
}

const starter = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::example', 'arn:aws:s3:::example/*'] }] }, null, 2);

function Policies({ policies, reload, can }) {
  const [name, setName] = useState('');
  const [doc, setDoc] = useState(starter);
  const [view, setView] = useState(null);
  const { error, run } = useAction();
  const problem = validatePolicy(doc);
  const create = () => run(async () => { await rest('POST', '/policies', { name, document: doc }); setName(''); await reload(); });
  const del = (p) => run(async () => { await rest('DELETE', `/policies/${encodeURIComponent(p.name)}`); await reload(); });
  const pretty = (d) => { try { return JSON.stringify(JSON.parse(d), null, 2); } catch { return d; } };
  return html`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${policies.map((p) => html`<tr key=${p.arn}><td>${p.name}</td><td><code>${p.arn}</code></td>
      <td class="actions"><button onClick=${() => setView(view && view.arn === p.arn ? null : p)}>View</button>
      ${can && !p.builtin && html`<button class="danger" onClick=${() => del(p)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${view && html`<pre class="policy-view">${pretty(view.document)}</pre>`}
    ${can && html`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${doc} onInput=${(e) => setDoc(e.target.value)}></textarea>
      ${problem && html`<div class="warn">${problem}</div>`}
      <button id="create-policy" disabled=${!name || !!problem} onClick=${create}>Create policy</button></div>`}
    <${ErrorBox} error=${error} />
  </div>`;
}
