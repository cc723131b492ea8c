import { useEffect, useRef, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtBytes, fmtDate } from '../ui.js';
import { s3, s3URL, encodeKey, consoleCall, rest } from '../api.js';
import { Details } from './details.js';
import { VList } from '../vlist.js';
import { upload } from '../upload.js';

// Keys per ListObjectsV2 page: a small first page shows the folder
// sooner, then full pages fill it as the view scrolls.
const FIRST = 200;
const PAGE = 1000;
const folderHref = (b, p) => `#/b/${encodeURIComponent(b)}/${encodeURIComponent(p)}`;

// useListing pages through one folder with the REST API's listing (one
// range read per page); nothing past what the view needs is fetched.
function useListing(bucket, prefix) {
  const [rows, setRows] = useState([]);
  const st = useRef({ token: '', done: false, loading: false, gen: 0, t0: 0 });
  const [error, setError] = useState(null);
  const [firstMs, setFirstMs] = useState(0);
  const more = async () => {
    const s = st.current;
    if (s.done || s.loading) return;
    s.loading = true;
    const gen = s.gen;
    try {
      const q = { delimiter: '/', prefix, max: String(s.token ? PAGE : FIRST) };
      if (s.token) q.continuation = s.token;
      const d = await rest('GET', `/buckets/${encodeURIComponent(bucket)}/objects?${new URLSearchParams(q)}`);
      if (gen !== st.current.gen) return;
      const page = (d.prefixes || []).map((p) => ({ folder: true, key: p }))
        .concat((d.objects || []).map((o) => ({ key: o.key, size: o.size, modified: o.modified })));
      s.token = d.next || '';
      s.done = !s.token;
      setRows((r) => r.concat(page));
      if (!s.first) { s.first = true; setFirstMs(Math.round(performance.now() - s.t0)); }
    } catch (e) {
      setError(e);
      s.done = true;
    } finally {
      s.loading = false;
    }
  };
  // reset starts the folder over (after an upload or a delete); a page
  // that answers for an older generation is dropped.
  const [gen, setGen] = useState(0);
  const reset = () => setGen((g) => g + 1);
  useEffect(() => {
    st.current = { token: '', done: false, loading: false, gen: st.current.gen + 1, t0: performance.now() };
    setRows([]); setError(null); setFirstMs(0);
    more();
  }, [bucket, prefix, gen]);
  return { rows, more, reset, error, firstMs, done: st.current.done };
}

export function Objects({ bucket, prefix, session }) {
  const list = useListing(bucket, prefix);
  const [uploads, setUploads] = useState([]);
  const [share, setShare] = useState(null);
  const [details, setDetails] = useState('');
  const [armed, setArmed] = useState('');
  const [drag, setDrag] = useState(false);
  const { error, run } = useAction();
  const canWrite = session.can.putObject;

  const start = (files) => {
    for (const f of files) {
      const key = prefix + f.name;
      const entry = { key, size: f.size, sent: 0, state: 'uploading', error: '' };
      setUploads((u) => [...u.filter((x) => x.key !== key), entry]);
      const update = (patch) => setUploads((u) => u.map((x) => (x.key === key ? Object.assign({}, x, patch) : x)));
      upload(bucket, key, f, (sent) => update({ sent }))
        .then(() => { update({ state: 'done', sent: f.size }); list.reset(); })
        .catch((e) => update({ state: 'failed', error: `${e.code ? e.code + ': ' : ''}${e.message}` }));
    }
  };
  const onDrop = (e) => { e.preventDefault(); setDrag(false); start(Array.from(e.dataTransfer.files)); };
  const del = (key) => run(async () => {
    setArmed('');
    await s3('DELETE', `/${encodeURIComponent(bucket)}/${encodeKey(key)}`);
    list.reset();
  });
  const makeLink = (key, seconds) => run(async () => {
    const r = await consoleCall('POST', 'presign', { bucket, key, expiresSeconds: seconds });
    setShare({ key, url: r.url, expires: r.expires });
  });

  const crumbs = [html`<a href=${folderHref(bucket, '')}>${bucket}</a>`];
  let acc = '';
  for (const part of prefix.split('/').filter(Boolean)) {
    acc += part + '/';
    crumbs.push(html` / <a href=${folderHref(bucket, acc)}>${part}</a>`);
  }
  const row = (o, i) => {
    const name = o.key.slice(prefix.length);
    if (o.folder) {
      return html`<div class="vrow folder" key=${o.key} data-i=${i}><a href=${folderHref(bucket, o.key)}>${name}</a></div>`;
    }
    const href = s3URL(`/${encodeURIComponent(bucket)}/${encodeKey(o.key)}`, {
      'response-content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name.split('/').pop())}` });
    return html`<div class="vrow" key=${o.key} data-i=${i} data-key=${o.key}>
      <span class="name">${name}</span><span class="size">${fmtBytes(o.size)}</span><span class="date">${fmtDate(o.modified)}</span>
      <span class="actions">
        <button data-details=${o.key} onClick=${() => setDetails(o.key)}>Details</button>
        <a class="button" href=${href} download>Download</a>
        <button data-share=${o.key} onClick=${() => setShare({ key: o.key })}>Share</button>
        ${session.can.deleteObject && (armed === o.key
          ? html`<button class="danger" data-confirm-delete=${o.key} onClick=${() => del(o.key)}>Really delete?</button>`
          : html`<button data-delete=${o.key} onClick=${() => setArmed(o.key)}>Delete</button>`)}
      </span></div>`;
  };
  return html`<section class=${drag ? 'dragging' : ''} onDragOver=${(e) => { e.preventDefault(); setDrag(true); }}
      onDragLeave=${() => setDrag(false)} onDrop=${onDrop}>
    <h2 class="crumbs">${crumbs}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${(e) => start(Array.from(e.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${canWrite ? '' : ' (your policies may refuse uploads)'}</span>
      <span class="count" id="object-count" data-first-page-ms=${list.firstMs}>${list.rows.length} shown${list.done ? '' : ', more on scroll'}${list.firstMs ? ` · first page ${list.firstMs} ms` : ''}</span>
    </div>
    ${uploads.length > 0 && html`<ul class="uploads" id="uploads">${uploads.map((u) => html`<li key=${u.key} data-upload=${u.key} data-state=${u.state}>
      <span class="name">${u.key}</span>
      <progress max=${u.size || 1} value=${u.sent}></progress>
      <span class="pct">${u.size ? Math.floor((100 * u.sent) / u.size) : 100}%</span>
      <span class=${`state ${u.state}`}>${u.state === 'failed' ? u.error : u.state}</span></li>`)}</ul>`}
    ${details && html`<${Details} key=${details} bucket=${bucket} objectKey=${details} onClose=${() => setDetails('')} />`}
    ${share && html`<${Share} share=${share} onMake=${makeLink} onClose=${() => setShare(null)} />`}
    <${ErrorBox} error=${error || list.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${VList} id="object-list" rows=${list.rows} render=${row} onNear=${list.more} />
    ${list.done && list.rows.length === 0 && !list.error && html`<p class="empty">This folder is empty.</p>`}
  </section>`;
}

function Share({ share, onMake, onClose }) {
  const [secs, setSecs] = useState(3600);
  return html`<div class="share" id="share">
    <b>Share ${share.key}</b>
    <select id="share-expiry" value=${secs} onChange=${(e) => setSecs(Number(e.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${() => onMake(share.key, secs)}>Create link</button>
    <button onClick=${onClose}>Close</button>
    ${share.url && html`<div><input id="share-url" readonly value=${share.url} onFocus=${(e) => e.target.select()} />
      <span class="hint">expires ${share.expires}</span></div>`}
  </div>`;
}
