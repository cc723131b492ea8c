import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { rest } from '../api.js';

// Examples of each setting's S3 document, offered when none is set.
const examples = {
  cors: '<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>https://example.com</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n    <AllowedHeader>*</AllowedHeader>\n    <MaxAgeSeconds>3000</MaxAgeSeconds>\n  </CORSRule>\n</CORSConfiguration>',
  lifecycle: '<LifecycleConfiguration>\n  <Rule>\n    <ID>expire-tmp</ID>\n    <Filter><Prefix>tmp/</Prefix></Filter>\n    <Status>Enabled</Status>\n    <Expiration><Days>7</Days></Expiration>\n  </Rule>\n</LifecycleConfiguration>',
  encryption: '<ServerSideEncryptionConfiguration>\n  <Rule>\n    <ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>\n  </Rule>\n</ServerSideEncryptionConfiguration>',
  notification: '<NotificationConfiguration>\n</NotificationConfiguration>',
  tagging: '<Tagging>\n  <TagSet>\n    <Tag><Key>team</Key><Value>storage</Value></Tag>\n  </TagSet>\n</Tagging>',
  'public-access-block': '<PublicAccessBlockConfiguration>\n  <BlockPublicAcls>true</BlockPublicAcls>\n  <IgnorePublicAcls>true</IgnorePublicAcls>\n  <BlockPublicPolicy>true</BlockPublicPolicy>\n  <RestrictPublicBuckets>true</RestrictPublicBuckets>\n</PublicAccessBlockConfiguration>',
  'ownership-controls': '<OwnershipControls>\n  <Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>\n</OwnershipControls>',
};

// xmlProblem reports a document that is not well-formed XML ('' if it is);
// the server checks the rest.
export function xmlProblem(text) {
  if (!text.trim()) return '';
  const d = new DOMParser().parseFromString(text, 'application/xml');
  const err = d.getElementsByTagName('parsererror')[0];
  return err ? `not well-formed XML: ${err.textContent.split('\n')[0]}` : '';
}

// Setting edits one bucket setting kept as its S3 XML document.
export function Setting({ name, path }) {
  const [doc, setDoc] = useState('');
  const [isSet, setIsSet] = useState(false);
  const [saved, setSaved] = useState('');
  const [loaded, setLoaded] = useState(false);
  const { error, run } = useAction();
  // Nothing can be edited before the current document is in: a late
  // answer would overwrite the user's edit.
  useEffect(() => {
    setLoaded(false);
    run(async () => {
      try {
        const d = await rest('GET', path);
        setDoc(d.document || ''); setIsSet(!!d.document);
      } catch (e) {
        if (e.status !== 404) throw e;
        setDoc(''); setIsSet(false);
      } finally {
        setLoaded(true);
      }
    });
  }, [path]);
  const problem = xmlProblem(doc);
  const save = () => run(async () => { await rest('PUT', path, { setting: name, document: doc }); setIsSet(true); setSaved('saved'); });
  const del = () => run(async () => { await rest('DELETE', path); setDoc(''); setIsSet(false); setSaved('removed'); });
  if (!loaded) return html`<div data-setting=${name} data-loaded="false"><p class="loading">Loading…</p><${ErrorBox} error=${error} /></div>`;
  return html`<div data-setting=${name} data-loaded="true">
    <p>${isSet ? `${name} is set:` : `No ${name} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${doc} placeholder=${examples[name] || ''} onInput=${(e) => { setDoc(e.target.value); setSaved(''); }}></textarea>
    ${problem && html`<div class="warn">${problem}</div>`}
    <div class="row"><button disabled=${!doc.trim() || !!problem} onClick=${save}>Save</button>
      ${examples[name] && html`<button onClick=${() => setDoc(examples[name])}>Example</button>`}
      ${isSet && html`<button class="danger" onClick=${del}>Remove</button>`}
      ${saved && html`<span class="ok">${saved}</span>`}</div>
    <${ErrorBox} error=${error} />
  </div>`;
}

// LockSetting edits a bucket's default object-lock retention.
export function LockSetting({ path }) {
  const [cfg, setCfg] = useState({ mode: '', days: 0, years: 0 });
  const [saved, setSaved] = useState('');
  const { error, run } = useAction();
  useEffect(() => { run(async () => setCfg(Object.assign({ mode: '', days: 0, years: 0 }, await rest('GET', path)))); }, [path]);
  const save = () => run(async () => {
    await rest('PUT', path, { mode: cfg.mode, days: Number(cfg.days) || 0, years: Number(cfg.years) || 0 });
    setSaved('saved');
  });
  const set = (k) => (e) => { const v = e.target.value; setCfg((c) => Object.assign({}, c, { [k]: v })); setSaved(''); };
  return html`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${cfg.mode} onChange=${set('mode')}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${cfg.days} onInput=${set('days')} /></label>
      <label>years <input type="number" min="0" value=${cfg.years} onInput=${set('years')} /></label>
      <button onClick=${save}>Save</button>${saved && html`<span class="ok">${saved}</span>`}</div>
    <${ErrorBox} error=${error} /></div>`;
}
