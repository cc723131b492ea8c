import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtBytes, fmtDate } from '../ui.js';
import { rest, s3, s3URL, encodeKey, all, tag } from '../api.js';

const PREVIEW_TEXT = 64 * 1024; // bytes of a text object shown

// kind picks a preview from the content type, else the key's extension.
function kind(type, key) {
  const t = (type || '').toLowerCase();
  const ext = key.split('.').pop().toLowerCase();
  if (t.startsWith('image/') || ['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg'].includes(ext)) return ext === 'svg' || t.includes('svg') ? 'none' : 'image';
  if (t.startsWith('video/') || ['mp4', 'webm', 'ogv'].includes(ext)) return 'video';
  if (t === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (t.startsWith('text/') || t.includes('json') || t.includes('xml') || ['txt', 'md', 'log', 'csv', 'json', 'yaml', 'yml', 'go', 'js', 'py'].includes(ext)) return 'text';
  return 'none';
}

// Details shows an object's metadata, tags and versions, and a preview.
// Previews load from the console's origin; the answer is sandboxed by CSP
// and SVG (which can carry script) is never rendered inline.
export function Details({ bucket, objectKey, onClose }) {
  const [info, setInfo] = useState(null);
  const [versions, setVersions] = useState([]);
  const [text, setText] = useState('');
  const { error, run } = useAction();
  const path = `/${encodeURIComponent(bucket)}/${encodeKey(objectKey)}`;
  useEffect(() => {
    run(async () => {
      const i = await rest('GET', `/buckets/${encodeURIComponent(bucket)}/objects/${encodeKey(objectKey)}`);
      setInfo(i);
      const v = await s3('GET', `/${encodeURIComponent(bucket)}`, { query: { versions: '', prefix: objectKey, 'max-keys': '50' } });
      setVersions(all(v, 'Version').concat(all(v, 'DeleteMarker')).filter((e) => tag(e, 'Key') === objectKey)
        .map((e) => ({ id: tag(e, 'VersionId'), size: tag(e, 'Size'), modified: tag(e, 'LastModified'), latest: tag(e, 'IsLatest') === 'true', marker: e.tagName === 'DeleteMarker' })));
      if (kind((i.headers || {})['Content-Type'], objectKey) === 'text') {
        const res = await fetch(s3URL(path), { headers: { Range: `bytes=0-${PREVIEW_TEXT - 1}` }, credentials: 'same-origin' });
        setText(await res.text());
      }
    });
  }, [bucket, objectKey]);
  const k = info ? kind((info.headers || {})['Content-Type'], objectKey) : 'none';
  const src = s3URL(path);
  return html`<div class="settings details" id="details">
    <div class="row"><b>${objectKey}</b><button onClick=${onClose}>Close</button></div>
    <${ErrorBox} error=${error} />
    ${info && html`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${fmtBytes(info.size)} (${info.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${fmtDate(info.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${info.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${info.policy}</td></tr>
      ${info.version_id && html`<tr><td>Version</td><td><code>${info.version_id}</code></td></tr>`}
      ${Object.entries(info.headers || {}).map(([h, v]) => html`<tr><td>${h}</td><td>${v}</td></tr>`)}
      ${Object.entries(info.user_meta || {}).map(([h, v]) => html`<tr><td>x-amz-meta-${h}</td><td>${v}</td></tr>`)}
      ${Object.entries(info.tags || {}).map(([h, v]) => html`<tr><td>tag</td><td>${h} = ${v}</td></tr>`)}
    </tbody></table>`}
    ${versions.length > 1 && html`<h3>Versions</h3><table class="list"><tbody>${versions.map((v) => html`<tr key=${v.id}>
      <td><code>${v.id}</code></td><td>${v.marker ? 'delete marker' : fmtBytes(v.size)}</td><td>${fmtDate(v.modified)}</td><td>${v.latest ? 'latest' : ''}</td>
      <td>${!v.marker && html`<a class="button" href=${s3URL(path, { versionId: v.id, 'response-content-disposition': 'attachment' })} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${k}>
      ${k === 'image' && html`<img src=${src} alt=${objectKey} />`}
      ${k === 'video' && html`<video src=${src} controls preload="metadata"></video>`}
      ${k === 'text' && html`<pre>${text}</pre>`}
      ${k === 'pdf' && html`<a class="button" href=${src} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`;
}
