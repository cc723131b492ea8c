import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

export function fmtBytes(n) {
  n = Number(n);
  if (!isFinite(n)) return '';
  const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return `${i ? n.toFixed(1) : n} ${u[i]}`;
}

export function fmtDate(s) {
  if (!s) return '';
  const d = new Date(s);
  return isNaN(d) ? s : d.toISOString().replace('T', ' ').slice(0, 19);
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<div class="error" role="alert">${error.code ? `${error.code}: ` : ''}${error.message}</div>`;
}

// Confirm asks the user to type a name before a destructive action.
export function Confirm({ title, name, onYes, onNo }) {
  const [typed, setTyped] = useState('');
  return html`<div class="modal-back"><div class="modal" role="dialog" aria-label=${title}>
    <h3>${title}</h3>
    <p>Type <b>${name}</b> to confirm.</p>
    <input id="confirm-input" value=${typed} onInput=${(e) => setTyped(e.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${typed !== name} onClick=${onYes}>Delete</button>
      <button onClick=${onNo}>Cancel</button>
    </div></div></div>`;
}

// useAction runs an async action and keeps its error and busy state.
export function useAction() {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn) => {
    setError(null); setBusy(true);
    try { return await fn(); } catch (e) { setError(e); return undefined; } finally { setBusy(false); }
  };
  return { error, busy, run, setError };
}

// validatePolicy checks the shape of an IAM/bucket policy document before
// it is sent; the server validates it again. Returns '' when it looks right.
export function validatePolicy(text) {
  let doc;
  try { doc = JSON.parse(text); } catch (e) { return `not JSON: ${e.message}`; }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'a policy is a JSON object';
  if (doc.Version && !['2012-10-17', '2008-10-17'].includes(doc.Version)) return `unknown Version ${doc.Version}`;
  const st = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : null;
  if (!st || st.length === 0) return 'Statement is missing';
  for (const [i, s] of st.entries()) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return `Statement ${i + 1}: Effect must be Allow or Deny`;
    if (!s.Action && !s.NotAction) return `Statement ${i + 1}: Action is missing`;
    if (!s.Resource && !s.NotResource) return `Statement ${i + 1}: Resource is missing`;
  }
  return '';
}
