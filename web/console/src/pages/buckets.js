import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, Confirm, useAction, fmtDate, validatePolicy } from '../ui.js';
import { rest } from '../api.js';
import { Setting, LockSetting } from './settings.js';
import { QoSLimits } from './qos.js';
import { Quota } from './quota.js';

const storagePolicies = ['', 'SINGLE', 'TWOCOPIES', 'THREECOPIES', 'EC4+2', 'EC6+3', 'EC8+4'];
const bpath = (b) => `/buckets/${encodeURIComponent(b)}`;

// Buckets lists, creates and deletes buckets, and opens their settings;
// all through the REST API.
export function Buckets({ session }) {
  const [buckets, setBuckets] = useState(null);
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState('');
  const [lock, setLock] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [open, setOpen] = useState('');
  const { error, busy, run } = useAction();
  const load = () => run(async () => setBuckets((await rest('GET', '/buckets')) || []));
  useEffect(() => { load(); }, []);
  const create = (e) => {
    e.preventDefault();
    run(async () => {
      await rest('POST', '/buckets', { name, storage_policy: policy, object_lock: lock });
      setName(''); setLock(false);
      await load();
    });
  };
  const remove = (b) => run(async () => { setConfirm(''); await rest('DELETE', bpath(b)); await load(); });
  return html`<section>
    <h2>Buckets</h2>
    ${session.can.createBucket && html`<form class="row" id="create-bucket" onSubmit=${create}>
      <input id="bucket-name" placeholder="new bucket name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${policy} onChange=${(e) => setPolicy(e.target.value)}>
        ${storagePolicies.map((p) => html`<option value=${p}>${p || 'cluster default'}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${lock} onChange=${(e) => setLock(e.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${busy || !name}>Create bucket</button>
    </form>`}
    <${ErrorBox} error=${error} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(buckets || []).map((b) => html`<tr key=${b.name} data-bucket=${b.name}>
        <td><a href=${`#/b/${encodeURIComponent(b.name)}/`}>${b.name}</a>${b.object_lock ? ' (object lock)' : ''}</td>
        <td>${b.policy || 'default'}</td><td>${b.versioning || 'Off'}</td>
        <td>${fmtDate(b.created)}</td>
        <td class="actions">
          <button data-settings=${b.name} onClick=${() => setOpen(open === b.name ? '' : b.name)}>Settings</button>
          ${session.can.deleteBucket && html`<button class="danger" data-delete=${b.name} onClick=${() => setConfirm(b.name)}>Delete</button>`}
        </td></tr>
        ${open === b.name && html`<tr><td colspan="5"><${Settings} bucket=${b.name} session=${session} reload=${load} /></td></tr>`}`)}
      </tbody>
    </table>
    ${buckets && buckets.length === 0 && html`<p class="empty">No buckets yet.</p>`}
    ${confirm && html`<${Confirm} title="Delete bucket" name=${confirm} onYes=${() => remove(confirm)} onNo=${() => setConfirm('')} />`}
  </section>`;
}

const examplePolicy = (b) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${b}/public/*`] }],
}, null, 2);

const tabs = ['versioning', 'policy', 'storage-policy', 'object-lock', 'encryption', 'cors', 'lifecycle', 'notification', 'tagging', 'public-access-block', 'ownership-controls', 'qos', 'quota'];

// Settings edits one bucket's settings, one tab at a time.
function Settings({ bucket, session, reload }) {
  const [tab, setTab] = useState('versioning');
  let body;
  if (tab === 'versioning') body = html`<${VersioningTab} bucket=${bucket} session=${session} reload=${reload} />`;
  else if (tab === 'policy') body = html`<${PolicyTab} bucket=${bucket} session=${session} />`;
  else if (tab === 'storage-policy') body = html`<${StoragePolicyTab} bucket=${bucket} reload=${reload} />`;
  else if (tab === 'qos') body = html`<${QoSLimits} fixed=${`bucket/${bucket}`} />`;
  else if (tab === 'quota') body = html`<${Quota} kind="bucket" name=${bucket} canWrite=${!!session.can.quota} />`;
  else if (tab === 'object-lock') body = html`<${LockSetting} path=${`${bpath(bucket)}/object-lock`} />`;
  else body = html`<${Setting} key=${tab} name=${tab} path=${`${bpath(bucket)}/settings/${tab}`} />`;
  return html`<div class="settings" id="bucket-settings">
    <div class="tabs">${tabs.map((t) => html`<button class=${t === tab ? 'tab active' : 'tab'} data-tab=${t} onClick=${() => setTab(t)}>${t}</button>`)}</div>
    ${body}
  </div>`;
}

function VersioningTab({ bucket, session, reload }) {
  const [status, setStatus] = useState('');
  const { error, run } = useAction();
  useEffect(() => { run(async () => setStatus((await rest('GET', `${bpath(bucket)}/versioning`)).status || 'Off')); }, [bucket]);
  const set = (s) => run(async () => { await rest('PUT', `${bpath(bucket)}/versioning`, { status: s }); setStatus(s); reload(); });
  return html`<div><p>Versioning: <b id="versioning-status">${status}</b>
    ${session.can.versioning && html` <button id="versioning-enable" onClick=${() => set('Enabled')} disabled=${!status || status === 'Enabled'}>Enable</button>
    <button onClick=${() => set('Suspended')} disabled=${!status || status !== 'Enabled'}>Suspend</button>`}</p>
    <${ErrorBox} error=${error} /></div>`;
}

// StoragePolicyTab changes the data protection of a bucket's new
// objects; the existing ones keep theirs until `strata improve` rewrites
// them.
function StoragePolicyTab({ bucket, reload }) {
  const [policy, setPolicy] = useState(null);
  const [saved, setSaved] = useState('');
  const { error, busy, run } = useAction();
  useEffect(() => { run(async () => setPolicy((await rest('GET', bpath(bucket))).policy || '')); }, [bucket]);
  const save = () => run(async () => {
    const b = await rest('PUT', `${bpath(bucket)}/storage-policy`, { storage_policy: policy });
    setPolicy(b.policy || ''); setSaved('saved'); reload();
  });
  if (policy === null) return html`<div><p class="loading">Loading…</p><${ErrorBox} error=${error} /></div>`;
  return html`<div id="storage-policy-tab">
    <p>Data protection of new objects (existing ones keep theirs until <code>strata improve</code> rewrites them).</p>
    <div class="row"><select id="storage-policy-select" value=${policy} onChange=${(e) => { setPolicy(e.target.value); setSaved(''); }}>
      ${storagePolicies.map((p) => html`<option value=${p}>${p || 'cluster default'}</option>`)}</select>
      <button id="storage-policy-save" disabled=${busy} onClick=${save}>Save</button>
      ${saved && html`<span class="ok" id="storage-policy-saved">${saved}</span>`}</div>
    <${ErrorBox} error=${error} /></div>`;
}

function PolicyTab({ bucket, session }) {
  const [policy, setPolicy] = useState('');
  const [saved, setSaved] = useState('');
  const { error, run } = useAction();
  useEffect(() => {
    run(async () => {
      try {
        const d = await rest('GET', `${bpath(bucket)}/policy`);
        setPolicy(d.document ? JSON.stringify(JSON.parse(d.document), null, 2) : '');
      } catch (e) {
        if (e.status !== 404) throw e;
      }
    });
  }, [bucket]);
  const problem = policy ? validatePolicy(policy) : '';
  const save = () => run(async () => { await rest('PUT', `${bpath(bucket)}/policy`, { document: policy }); setSaved('policy saved'); });
  const del = () => run(async () => { await rest('DELETE', `${bpath(bucket)}/policy`); setPolicy(''); setSaved('policy deleted'); });
  return html`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${policy} onInput=${(e) => { setPolicy(e.target.value); setSaved(''); }}
      placeholder=${examplePolicy(bucket)}></textarea>
    ${problem && html`<div class="warn" id="policy-problem">${problem}</div>`}
    ${session.can.putPolicy && html`<div class="row">
      <button id="save-policy" disabled=${!policy || !!problem} onClick=${save}>Save policy</button>
      <button id="example-policy" onClick=${() => setPolicy(examplePolicy(bucket))}>Example</button>
      <button class="danger" onClick=${del}>Delete policy</button></div>`}
    ${saved && html`<div class="ok" id="policy-saved">${saved}</div>`}
    <${ErrorBox} error=${error} />
  </div>`;
}
