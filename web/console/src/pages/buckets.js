import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, Confirm, useAction, fmtDate, validatePolicy } from '../ui.js';
import { s3, all, tag } from '../api.js';

export function Buckets({ session }) {
  const [buckets, setBuckets] = useState(null);
  const [name, setName] = useState('');
  const [confirm, setConfirm] = useState('');
  const [open, setOpen] = useState('');
  const { error, busy, run } = useAction();
  const load = () => run(async () => {
    const d = await s3('GET', '/');
    setBuckets(all(d, 'Bucket').map((b) => ({ name: tag(b, 'Name'), created: tag(b, 'CreationDate') })));
  });
  useEffect(() => { load(); }, []);
  const create = (e) => {
    e.preventDefault();
    run(async () => { await s3('PUT', `/${encodeURIComponent(name)}`); setName(''); await load(); });
  };
  const remove = (b) => run(async () => { setConfirm(''); await s3('DELETE', `/${encodeURIComponent(b)}`); await load(); });
  return html`<section>
    <h2>Buckets</h2>
    ${session.can.createBucket && html`<form class="row" id="create-bucket" onSubmit=${create}>
      <input id="bucket-name" placeholder="new bucket name" value=${name} onInput=${(e) => setName(e.target.value)} />
      <button id="create-bucket-btn" type="submit" disabled=${busy || !name}>Create bucket</button>
    </form>`}
    <${ErrorBox} error=${error} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Created</th><th></th></tr></thead>
      <tbody>${(buckets || []).map((b) => html`<tr key=${b.name} data-bucket=${b.name}>
        <td><a href=${`#/b/${encodeURIComponent(b.name)}/`}>${b.name}</a></td>
        <td>${fmtDate(b.created)}</td>
        <td class="actions">
          <button onClick=${() => setOpen(open === b.name ? '' : b.name)}>Settings</button>
          ${session.can.deleteBucket && html`<button class="danger" data-delete=${b.name} onClick=${() => setConfirm(b.name)}>Delete</button>`}
        </td></tr>
        ${open === b.name && html`<tr><td colspan="3"><${Settings} bucket=${b.name} session=${session} /></td></tr>`}`)}
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

// Settings edits a bucket's versioning and policy.
function Settings({ bucket, session }) {
  const path = `/${encodeURIComponent(bucket)}`;
  const [versioning, setVersioning] = useState('');
  const [policy, setPolicy] = useState('');
  const [saved, setSaved] = useState('');
  const { error, run } = useAction();
  useEffect(() => {
    run(async () => {
      const v = await s3('GET', path, { query: { versioning: '' } });
      setVersioning(tag(v, 'Status') || 'Off');
      try {
        const res = await s3('GET', path, { query: { policy: '' }, raw: true });
        setPolicy(JSON.stringify(JSON.parse(await res.text()), null, 2));
      } catch (e) {
        if (e.code !== 'NoSuchBucketPolicy') throw e;
      }
    });
  }, [bucket]);
  const setV = (status) => run(async () => {
    await s3('PUT', path, { query: { versioning: '' }, contentType: 'application/xml',
      body: `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>${status}</Status></VersioningConfiguration>` });
    setVersioning(status);
  });
  const problem = policy ? validatePolicy(policy) : '';
  const savePolicy = () => run(async () => {
    await s3('PUT', path, { query: { policy: '' }, body: policy, contentType: 'application/json' });
    setSaved('policy saved');
  });
  const deletePolicy = () => run(async () => { await s3('DELETE', path, { query: { policy: '' } }); setPolicy(''); setSaved('policy deleted'); });
  return html`<div class="settings" id="bucket-settings">
    <p>Versioning: <b id="versioning-status">${versioning}</b>
      ${session.can.versioning && html` <button onClick=${() => setV('Enabled')} disabled=${versioning === 'Enabled'}>Enable</button>
      <button onClick=${() => setV('Suspended')} disabled=${versioning !== 'Enabled'}>Suspend</button>`}</p>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="10" spellcheck="false" value=${policy} onInput=${(e) => { setPolicy(e.target.value); setSaved(''); }}
      placeholder=${examplePolicy(bucket)}></textarea>
    ${problem && html`<div class="warn" id="policy-problem">${problem}</div>`}
    ${session.can.putPolicy && html`<div class="row">
      <button id="save-policy" disabled=${!policy || !!problem} onClick=${savePolicy}>Save policy</button>
      <button onClick=${() => setPolicy(examplePolicy(bucket))}>Example</button>
      <button class="danger" onClick=${deletePolicy}>Delete policy</button></div>`}
    ${saved && html`<div class="ok">${saved}</div>`}
    <${ErrorBox} error=${error} />
  </div>`;
}
