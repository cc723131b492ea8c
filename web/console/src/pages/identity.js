import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, Confirm, useAction, fmtDate, validatePolicy } from '../ui.js';
import { iam, all, tag } from '../api.js';

const builtin = ['AmazonS3ReadOnlyAccess', 'AmazonS3FullAccess', 'IAMReadOnlyAccess', 'IAMFullAccess']
  .map((n) => ({ name: n, arn: `arn:aws:iam::aws:policy/${n}` }));

// Identity manages the account's users, their keys and policies through
// the IAM API; the gateway refuses what the session's user may not do.
export function Identity({ session }) {
  const [users, setUsers] = useState(null);
  const [policies, setPolicies] = useState([]);
  const [accounts, setAccounts] = useState(null);
  const [name, setName] = useState('');
  const [open, setOpen] = useState('');
  const [confirm, setConfirm] = useState('');
  const { error, busy, run } = useAction();
  const load = () => run(async () => {
    const d = await iam('ListUsers');
    setUsers(all(d, 'member').map((m) => ({ name: tag(m, 'UserName'), arn: tag(m, 'Arn'), created: tag(m, 'CreateDate') })));
    const p = await iam('ListPolicies', { Scope: 'Local' });
    setPolicies(all(p, 'member').map((m) => ({ name: tag(m, 'PolicyName'), arn: tag(m, 'Arn') })));
    if (session.can.admin) {
      const a = await iam('ListAccounts');
      setAccounts(all(a, 'member').map((m) => ({ name: tag(m, 'AccountName'), id: tag(m, 'AccountId'), created: tag(m, 'CreateDate') })));
    }
  });
  useEffect(() => { load(); }, []);
  const create = (e) => {
    e.preventDefault();
    run(async () => { await iam('CreateUser', { UserName: name }); setName(''); await load(); });
  };
  const remove = (u) => run(async () => {
    setConfirm('');
    const keys = await iam('ListAccessKeys', { UserName: u });
    for (const k of all(keys, 'AccessKeyId')) await iam('DeleteAccessKey', { UserName: u, AccessKeyId: k.textContent });
    const att = await iam('ListAttachedUserPolicies', { UserName: u });
    for (const a of all(att, 'PolicyArn')) await iam('DetachUserPolicy', { UserName: u, PolicyArn: a.textContent });
    await iam('DeleteUser', { UserName: u });
    await load();
  });
  return html`<section>
    <h2>Users</h2>
    ${session.can.iam && html`<form class="row" id="create-user" onSubmit=${create}>
      <input id="user-name" placeholder="new user name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${busy || !name}>Create user</button></form>`}
    <${ErrorBox} error=${error} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Created</th><th></th></tr></thead><tbody>
      ${(users || []).map((u) => html`<tr key=${u.name} data-user=${u.name}><td>${u.name}</td><td>${fmtDate(u.created)}</td>
        <td class="actions"><button data-open=${u.name} onClick=${() => setOpen(open === u.name ? '' : u.name)}>Keys & policies</button>
        ${session.can.iam && html`<button class="danger" onClick=${() => setConfirm(u.name)}>Delete</button>`}</td></tr>
        ${open === u.name && html`<tr><td colspan="3"><${UserDetail} user=${u.name} policies=${policies} /></td></tr>`}`)}
    </tbody></table>
    <${Policies} policies=${policies} reload=${load} can=${session.can.iam} />
    ${accounts && html`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${accounts.map((a) => html`<tr key=${a.id}><td>${a.name}</td><td>${a.id}</td><td>${fmtDate(a.created)}</td></tr>`)}</tbody></table>`}
    ${confirm && html`<${Confirm} title="Delete user" name=${confirm} onYes=${() => remove(confirm)} onNo=${() => setConfirm('')} />`}
  </section>`;
}

function UserDetail({ user, policies }) {
  const [keys, setKeys] = useState([]);
  const [attached, setAttached] = useState([]);
  const [secret, setSecret] = useState(null);
  const [pick, setPick] = useState(builtin[0].arn);
  const { error, run } = useAction();
  const load = () => run(async () => {
    const k = await iam('ListAccessKeys', { UserName: user });
    setKeys(all(k, 'member').map((m) => ({ id: tag(m, 'AccessKeyId'), status: tag(m, 'Status'), created: tag(m, 'CreateDate') })));
    const a = await iam('ListAttachedUserPolicies', { UserName: user });
    setAttached(all(a, 'member').map((m) => ({ name: tag(m, 'PolicyName'), arn: tag(m, 'PolicyArn') })));
  });
  useEffect(() => { load(); }, [user]);
  const newKey = () => run(async () => {
    const d = await iam('CreateAccessKey', { UserName: user });
    setSecret({ id: tag(d, 'AccessKeyId'), secret: tag(d, 'SecretAccessKey') });
    await load();
  });
  const call = (action, params) => run(async () => { await iam(action, Object.assign({ UserName: user }, params)); await load(); });
  return html`<div class="settings" id="user-detail">
    <h3>Access keys of ${user}</h3>
    ${secret && html`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${secret.id}</code> <code id="new-key-secret">${secret.secret}</code>
      <button onClick=${() => setSecret(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${keys.map((k) => html`<tr key=${k.id}><td><code>${k.id}</code></td><td>${k.status}</td><td>${fmtDate(k.created)}</td>
      <td class="actions"><button onClick=${() => call('UpdateAccessKey', { AccessKeyId: k.id, Status: k.status === 'Active' ? 'Inactive' : 'Active' })}>
        ${k.status === 'Active' ? 'Deactivate' : 'Activate'}</button>
      <button class="danger" onClick=${() => call('DeleteAccessKey', { AccessKeyId: k.id })}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${newKey}>Create access key</button>
    <h3>Policies</h3>
    <ul>${attached.map((a) => html`<li key=${a.arn}>${a.name} <button onClick=${() => call('DetachUserPolicy', { PolicyArn: a.arn })}>Detach</button></li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${pick} onChange=${(e) => setPick(e.target.value)}>
      ${builtin.concat(policies).map((p) => html`<option key=${p.arn} value=${p.arn}>${p.name}</option>`)}</select>
      <button id="attach-btn" onClick=${() => call('AttachUserPolicy', { PolicyArn: pick })}>Attach</button></div>
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
  const create = () => run(async () => { await iam('CreatePolicy', { PolicyName: name, PolicyDocument: doc }); setName(''); await reload(); });
  const show = (p) => run(async () => {
    const g = await iam('GetPolicy', { PolicyArn: p.arn });
    const v = await iam('GetPolicyVersion', { PolicyArn: p.arn, VersionId: tag(g, 'DefaultVersionId') });
    setView({ name: p.name, doc: JSON.stringify(JSON.parse(decodeURIComponent(tag(v, 'Document'))), null, 2) });
  });
  const del = (p) => run(async () => { await iam('DeletePolicy', { PolicyArn: p.arn }); await reload(); });
  return html`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${policies.map((p) => html`<tr key=${p.arn}><td>${p.name}</td><td><code>${p.arn}</code></td>
      <td class="actions"><button onClick=${() => show(p)}>View</button>${can && html`<button class="danger" onClick=${() => del(p)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${view && html`<pre class="policy-view">${view.doc}</pre>`}
    ${can && html`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${doc} onInput=${(e) => setDoc(e.target.value)}></textarea>
      ${problem && html`<div class="warn">${problem}</div>`}
      <button id="create-policy" disabled=${!name || !!problem} onClick=${create}>Create policy</button></div>`}
    <${ErrorBox} error=${error} />
  </div>`;
}
