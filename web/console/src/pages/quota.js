import { useEffect, useState } from 'preact/hooks';
import { html, ErrorBox, useAction, fmtBytes } from '../ui.js';
import { rest } from '../api.js';

const units = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
  kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4, pib: 1024 ** 5 };

// parseSize reads "1048576", "1 MiB" or "2.5GB" as bytes; '' is no limit
// (0). It returns [bytes, problem].
export function parseSize(s) {
  s = String(s).trim();
  if (!s) return [0, ''];
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(s);
  const u = m && units[m[2].toLowerCase()];
  if (!u) return [0, `"${s}" is not a size (e.g. 1048576, 500 MiB, 2 GB)`];
  const n = Math.round(Number(m[1]) * u);
  if (!Number.isSafeInteger(n)) return [0, `"${s}" is too large`];
  return [n, ''];
}

// sizeText writes bytes in the largest binary unit that divides them
// exactly ("10 GiB"), so that a loaded limit reads as it was typed.
export function sizeText(n) {
  if (!n) return '';
  for (const u of ['PiB', 'TiB', 'GiB', 'MiB', 'KiB']) {
    const d = units[u.toLowerCase()];
    if (n % d === 0) return `${n / d} ${u}`;
  }
  return String(n);
}

// parseCount reads a whole, non-negative number of objects; '' is 0.
export function parseCount(s) {
  s = String(s).trim();
  if (!s) return [0, ''];
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) return [0, `"${s}" is not a whole number of objects`];
  return [Number(s), ''];
}

// limitsOf checks the form and returns [limits, problem]. A soft limit
// above the hard one would never alert before writes are refused.
export function limitsOf(f) {
  const [maxB, e1] = parseSize(f.max_bytes);
  const [softB, e2] = parseSize(f.soft_bytes);
  const [maxO, e3] = parseCount(f.max_objects);
  const [softO, e4] = parseCount(f.soft_objects);
  const p = [e1 && `hard bytes: ${e1}`, e2 && `soft bytes: ${e2}`, e3 && `hard objects: ${e3}`, e4 && `soft objects: ${e4}`].find(Boolean);
  if (p) return [null, p];
  if (maxB && softB > maxB) return [null, 'the soft byte limit is above the hard one'];
  if (maxO && softO > maxO) return [null, 'the soft object limit is above the hard one'];
  if (!maxB && !softB && !maxO && !softO) return [null, 'set at least one limit (or remove the quota)'];
  return [{ max_bytes: maxB, soft_bytes: softB, max_objects: maxO, soft_objects: softO }, ''];
}

// UsageBar draws used against a hard limit (or the soft one if there is
// no hard limit), with the soft limit marked.
export function UsageBar({ id, used, hard, soft, fmt }) {
  const top = hard || soft;
  if (!top) return html`<div class="quota-usage" id=${id} data-used=${used}>${fmt(used)} used, no limit</div>`;
  const pct = Math.min(100, (100 * used) / top);
  const level = hard && used >= hard ? 'bad' : soft && used >= soft ? 'warn' : 'ok';
  return html`<div class="quota-usage" id=${id} data-used=${used} data-limit=${top}>
    <div class=${`usagebar ${level}`} role="meter" aria-valuemin="0" aria-valuemax=${top} aria-valuenow=${used}>
      <div class="fill" style=${{ width: `${pct}%` }}></div>
      ${soft && hard && html`<div class="soft" style=${{ left: `${Math.min(100, (100 * soft) / hard)}%` }} title="soft limit"></div>`}
    </div>
    <span>${fmt(used)} of ${fmt(top)} (${pct.toFixed(1)}%)${hard ? '' : ' soft limit'}</span></div>`;
}

const count = (n) => Number(n).toLocaleString('en-US');
const blank = { max_bytes: '', soft_bytes: '', max_objects: '', soft_objects: '' };

// Quota shows and edits the quota of a bucket or an account (REST
// /quotas/{kind}/{name}): hard limits refuse writes beyond them, soft
// limits raise an alert. canWrite only shapes the page; the gateway
// refuses a user who may not set quotas anyway.
export function Quota({ kind, name, canWrite }) {
  const path = `/quotas/${kind}/${encodeURIComponent(name)}`;
  const [status, setStatus] = useState(null); // null: loading; false: none set; 'error': not read
  const [form, setForm] = useState(blank);
  const [saved, setSaved] = useState('');
  const { error, busy, run } = useAction();
  const load = () => run(async () => {
    try {
      const s = await rest('GET', path);
      setStatus(s);
      setForm({ max_bytes: sizeText(s.max_bytes), soft_bytes: sizeText(s.soft_bytes),
        max_objects: s.max_objects ? String(s.max_objects) : '', soft_objects: s.soft_objects ? String(s.soft_objects) : '' });
    } catch (e) {
      if (e.status !== 404) { setStatus('error'); throw e; }
      setStatus(false); setForm(blank);
    }
  });
  useEffect(() => { load(); }, [path]);
  const [limits, problem] = limitsOf(form);
  const save = (e) => {
    e.preventDefault();
    run(async () => { await rest('PUT', path, limits); setSaved('quota saved'); await load(); });
  };
  const del = () => run(async () => { await rest('DELETE', path); setSaved('quota removed'); await load(); });
  const set = (k) => (e) => { const v = e.target.value; setForm((f) => Object.assign({}, f, { [k]: v })); setSaved(''); };
  const u = (status && status !== 'error' && status.usage) || null;
  const field = (k, label, hint) => html`<label>${label} <input class="quota-field" data-field=${k} value=${form[k]} placeholder=${hint}
    readonly=${!canWrite} onInput=${set(k)} /></label>`;
  return html`<div class="quota" id=${`quota-${kind}`} data-kind=${kind} data-name=${name} data-loaded=${String(status !== null)}>
    <h3>Quota of ${kind} ${name}</h3>
    ${status === null ? html`<p class="loading">Loading…</p>` : status === false ? html`<p class="empty quota-none">No quota set: writes are not limited.</p>` : ''}
    ${u && html`<div class="quota-usages">
      <div>Bytes <${UsageBar} id=${`quota-bytes-${kind}`} used=${u.logical_bytes || 0} hard=${status.max_bytes} soft=${status.soft_bytes} fmt=${fmtBytes} /></div>
      <div>Objects <${UsageBar} id=${`quota-objects-${kind}`} used=${u.objects || 0} hard=${status.max_objects} soft=${status.soft_objects} fmt=${count} /></div></div>`}
    ${!canWrite && html`<p class="hint quota-readonly">Read-only: you may not change quotas.</p>`}
    ${(canWrite || (status && status !== 'error')) && html`<form class="row" onSubmit=${save}>
      ${field('max_bytes', 'hard bytes', 'e.g. 10 GiB')} ${field('soft_bytes', 'soft bytes', 'e.g. 8 GiB')}
      ${field('max_objects', 'hard objects', 'e.g. 100000')} ${field('soft_objects', 'soft objects', '')}
      ${canWrite && html`<button class="quota-save" type="submit" disabled=${busy || !!problem}>Save quota</button>
        ${status && status !== 'error' && html`<button type="button" class="danger quota-remove" onClick=${del}>Remove quota</button>`}`}
    </form>`}
    ${canWrite && problem && (form.max_bytes || form.soft_bytes || form.max_objects || form.soft_objects) && html`<div class="warn quota-problem">${problem}</div>`}
    ${saved && html`<span class="ok quota-saved">${saved}</span>`}
    <${ErrorBox} error=${error} /></div>`;
}

// quotaAlerts reads the soft-limit alerts for the cluster page; a user
// who may not read quotas (or a server without them) gets none.
export async function quotaAlerts() {
  try {
    const l = (await rest('GET', '/quotas/alerts')) || [];
    return l.map((a) => ({ level: a.hard && a.used >= a.hard ? 'bad' : 'warn', quota: `${a.kind}/${a.name}`,
      text: `${a.kind} ${a.name} is over its soft ${a.resource} limit: ${a.resource === 'bytes' ? fmtBytes(a.used) : count(a.used)} used, soft ${a.resource === 'bytes' ? fmtBytes(a.soft) : count(a.soft)}${a.hard ? `, hard ${a.resource === 'bytes' ? fmtBytes(a.hard) : count(a.hard)}` : ''}` }));
  } catch {
    return [];
  }
}
