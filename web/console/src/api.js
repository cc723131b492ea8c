// The page's only way to the server. Every unsafe request carries the
// session's CSRF token; the server re-signs it with the session's key and
// hands it to the gateway, which applies the user's policies.

let csrf = '';

export class APIError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export function setCSRF(t) { csrf = t || ''; }
export function getCSRF() { return csrf; }

function headers(extra) {
  return Object.assign({ 'X-CSRF-Token': csrf }, extra || {});
}

// errorOf reads a JSON ({code,message}), S3/IAM XML or text error body.
async function errorOf(res) {
  const text = await res.text();
  const ct = res.headers.get('Content-Type') || '';
  if (ct.includes('json')) {
    try { const j = JSON.parse(text); return new APIError(res.status, j.code, j.message || j.error); } catch { /* fall through */ }
  }
  if (text.startsWith('<')) {
    const d = new DOMParser().parseFromString(text, 'application/xml');
    return new APIError(res.status, tag(d, 'Code'), tag(d, 'Message'));
  }
  return new APIError(res.status, '', text.trim());
}

export async function consoleCall(method, path, body) {
  const res = await fetch(`/_console/${path}`, {
    method, credentials: 'same-origin',
    headers: headers(body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

// encodeKey escapes an object key for a URL path, keeping its slashes.
export function encodeKey(k) {
  return k.split('/').map(encodeURIComponent).join('/');
}

export function s3URL(path, query) {
  const q = query ? '?' + new URLSearchParams(query).toString() : '';
  return `/_console/s3${path}${q}`;
}

// s3 calls the S3 API; it resolves to the parsed XML document (or null).
export async function s3(method, path, { query, body, contentType, raw } = {}) {
  const h = headers(contentType ? { 'Content-Type': contentType } : {});
  const res = await fetch(s3URL(path, query), { method, credentials: 'same-origin', headers: h, body });
  if (!res.ok) throw await errorOf(res);
  if (raw) return res;
  const text = await res.text();
  return text ? new DOMParser().parseFromString(text, 'application/xml') : null;
}

// iam calls the IAM query API.
export async function iam(action, params = {}) {
  const form = new URLSearchParams(Object.assign({ Action: action, Version: '2010-05-08' }, params));
  return s3('POST', '/', { body: form.toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' });
}

// admin calls the gateway's /_strata/ endpoints (JSON).
export async function admin(method, path, query) {
  const q = query ? '?' + new URLSearchParams(query).toString() : '';
  const res = await fetch(`/_strata/${path}${q}`, { method, credentials: 'same-origin', headers: headers() });
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

export function tag(node, name) {
  const e = node.getElementsByTagName(name)[0];
  return e ? e.textContent : '';
}

export function all(node, name) {
  return Array.from(node.getElementsByTagName(name));
}

// children returns the direct children of node named name (nested lists
// reuse tag names).
export function children(node, name) {
  return Array.from(node.children).filter((c) => c.tagName === name);
}

export function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// rest calls the native REST API (/_strata/api/v1), JSON both ways.
export async function rest(method, path, body) {
  const res = await fetch(`/_strata/api/v1${path}`, {
    method, credentials: 'same-origin',
    headers: headers(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}
