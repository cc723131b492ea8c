import { s3URL, s3, encodeKey, tag, all, xmlEscape, getCSRF } from './api.js';

export const PART = 8 * 1024 * 1024; // multipart part size; files above it go in parts
const PARALLEL = 3;

// put sends one body with XMLHttpRequest, the only browser API that
// reports upload progress, and resolves to the ETag.
function put(url, body, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('PUT', url);
    x.setRequestHeader('X-CSRF-Token', getCSRF());
    x.upload.onprogress = (e) => onProgress(e.loaded);
    x.onload = () => {
      if (x.status >= 200 && x.status < 300) { onProgress(body.size); resolve(x.getResponseHeader('ETag')); return; }
      let code = '', msg = x.responseText;
      if (msg.startsWith('<')) {
        const d = new DOMParser().parseFromString(msg, 'application/xml');
        code = tag(d, 'Code'); msg = tag(d, 'Message');
      } else {
        try { const j = JSON.parse(msg); code = j.code; msg = j.message; } catch { /* text */ }
      }
      const err = new Error(msg || `HTTP ${x.status}`); err.code = code; err.status = x.status;
      reject(err);
    };
    x.onerror = () => reject(new Error('network error'));
    x.send(body);
  });
}

// resumeKey names a file's unfinished multipart upload in localStorage, so
// that dropping the same file again continues where it stopped.
const resumeKey = (bucket, key, f) => `strata-upload:${bucket}/${key}:${f.size}:${f.lastModified}`;

async function partsDone(path, uploadId) {
  const d = await s3('GET', path, { query: { uploadId } });
  const m = new Map();
  for (const p of all(d, 'Part')) m.set(Number(tag(p, 'PartNumber')), { etag: tag(p, 'ETag'), size: Number(tag(p, 'Size')) });
  return m;
}

// upload sends file to bucket/key, calling onProgress(bytesSent) as it goes.
export async function upload(bucket, key, file, onProgress) {
  const path = `/${encodeURIComponent(bucket)}/${encodeKey(key)}`;
  if (file.size <= PART) {
    await put(s3URL(path), file, onProgress);
    return;
  }
  const rk = resumeKey(bucket, key, file);
  let uploadId = localStorage.getItem(rk);
  let done = new Map();
  if (uploadId) {
    try { done = await partsDone(path, uploadId); } catch { uploadId = null; }
  }
  if (!uploadId) {
    const d = await s3('POST', path, { query: { uploads: '' }, contentType: file.type || 'application/octet-stream' });
    uploadId = tag(d, 'UploadId');
    localStorage.setItem(rk, uploadId);
  }
  const n = Math.ceil(file.size / PART);
  const sent = new Array(n + 1).fill(0);
  const etags = new Array(n + 1);
  const report = () => onProgress(sent.reduce((a, b) => a + b, 0));
  const todo = [];
  for (let i = 1; i <= n; i++) {
    const size = Math.min(PART, file.size - (i - 1) * PART);
    const prev = done.get(i);
    if (prev && prev.size === size) { etags[i] = prev.etag; sent[i] = size; } else todo.push(i);
  }
  report();
  const worker = async () => {
    while (todo.length) {
      const i = todo.shift();
      const blob = file.slice((i - 1) * PART, Math.min(file.size, i * PART));
      etags[i] = await put(s3URL(path, { partNumber: i, uploadId }), blob, (b) => { sent[i] = b; report(); });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  let xml = '<CompleteMultipartUpload>';
  for (let i = 1; i <= n; i++) xml += `<Part><PartNumber>${i}</PartNumber><ETag>${xmlEscape(etags[i])}</ETag></Part>`;
  xml += '</CompleteMultipartUpload>';
  await s3('POST', path, { query: { uploadId }, body: xml, contentType: 'application/xml' });
  localStorage.removeItem(rk);
}
