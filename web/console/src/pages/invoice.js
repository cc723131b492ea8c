import { useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { rest } from '../api.js';

// exampleSheet is a price sheet as internal/usage.PriceSheet reads it.
export const exampleSheet = JSON.stringify({
  currency: 'EUR',
  storage_gib_month: { THREECOPIES: 0.03, 'EC4+2': 0.015, '*': 0.02 },
  requests_per_1000: { put: 0.005, get: 0.0004, delete: 0 },
  egress_gib: 0.05,
}, null, 2);

const classes = ['put', 'get', 'delete'];
const price = (v) => typeof v === 'number' && isFinite(v) && v >= 0;

// sheetProblem checks a price sheet before it is sent ('' if it looks
// right); the server validates it again.
export function sheetProblem(text) {
  let s;
  try { s = JSON.parse(text); } catch (e) { return `not JSON: ${e.message}`; }
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return 'a price sheet is a JSON object';
  const known = ['currency', 'storage_gib_month', 'requests_per_1000', 'egress_gib'];
  const odd = Object.keys(s).find((k) => !known.includes(k));
  if (odd) return `unknown field "${odd}" (${known.join(', ')})`;
  if (s.currency !== undefined && typeof s.currency !== 'string') return 'currency is a string, e.g. "EUR"';
  for (const [field, what] of [['storage_gib_month', 'storage price'], ['requests_per_1000', 'request price']]) {
    const m = s[field];
    if (m === undefined) continue;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return `${field} maps names to prices`;
    for (const [k, v] of Object.entries(m)) {
      if (!price(v)) return `${what} of "${k}" must be a non-negative number`;
      if (field === 'requests_per_1000' && !classes.includes(k)) return `unknown request class "${k}" (${classes.join(', ')})`;
    }
  }
  if (s.egress_gib !== undefined && !price(s.egress_gib)) return 'egress_gib must be a non-negative number';
  return '';
}

// invoiceCSV is one row per invoice line, with each invoice's total.
export function invoiceCSV(invs) {
  const q = (s) => `"${String(s).replace(/"/g, '""')}"`;
  const rows = ['account,month,currency,item,quantity,unit,unit_price,amount'];
  for (const inv of invs) {
    for (const l of inv.lines || []) rows.push([q(inv.account), inv.month, q(inv.currency), q(l.item), l.quantity, q(l.unit), l.unit_price, l.amount].join(','));
    rows.push([q(inv.account), inv.month, q(inv.currency), q('total'), '', '', '', inv.total].join(','));
  }
  return rows.join('\n') + '\n';
}

const thisMonth = () => new Date().toISOString().slice(0, 7);
const num = (v, d) => Number(v).toLocaleString('en-US', { maximumFractionDigits: d });

// Invoice prices a month's usage with a price sheet (REST POST
// /usage/invoices): one invoice per account, the administrator's for
// every account, anyone else's for their own.
export function Invoice() {
  const [month, setMonth] = useState(thisMonth());
  const [sheet, setSheet] = useState(exampleSheet);
  const [invs, setInvs] = useState(null);
  const { error, busy, run } = useAction();
  const problem = sheetProblem(sheet) || (/^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? '' : 'pick a month (YYYY-MM)');
  const go = (e) => {
    e.preventDefault();
    run(async () => setInvs((await rest('POST', `/usage/invoices?month=${encodeURIComponent(month)}`, JSON.parse(sheet))) || []));
  };
  // A data: URL, not a Blob URL: nothing to revoke on each render.
  const href = invs && invs.length ? `data:text/csv;charset=utf-8,${encodeURIComponent(invoiceCSV(invs))}` : '';
  return html`<div class="settings" id="invoice"><h3>Invoice</h3>
    <form onSubmit=${go}>
      <div class="row"><label>month <input id="invoice-month" type="month" value=${month} onInput=${(e) => { setMonth(e.target.value); setInvs(null); }} /></label>
        <button id="invoice-run" type="submit" disabled=${busy || !!problem}>Price the month</button>
        <button type="button" onClick=${() => setSheet(exampleSheet)}>Example sheet</button>
        ${href && html`<a class="button" id="invoice-csv" href=${href} download=${`invoice-${month}.csv`}>Download CSV</a>`}</div>
      <label>Price sheet (JSON: per raw GiB-month by storage policy, per 1,000 requests by class, per GiB of egress)</label>
      <textarea id="invoice-sheet" rows="10" spellcheck="false" value=${sheet} onInput=${(e) => setSheet(e.target.value)}></textarea>
      ${problem && html`<div class="warn" id="invoice-problem">${problem}</div>`}
    </form>
    <${ErrorBox} error=${error} />
    ${invs && invs.length === 0 && html`<p class="empty" id="invoice-none">No usage to invoice in ${month}.</p>`}
    ${invs && invs.length > 0 && html`<table class="list" id="invoice-lines"><thead><tr><th>Account</th><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Amount</th></tr></thead>
      <tbody>${invs.map((inv) => html`${(inv.lines || []).map((l) => html`<tr class="invoice-line" data-account=${inv.account} data-item=${l.item}>
          <td>${inv.account}</td><td>${l.item}</td><td>${num(l.quantity, 6)}</td><td>${l.unit}</td><td>${num(l.unit_price, 6)} ${inv.currency}</td><td>${num(l.amount, 6)} ${inv.currency}</td></tr>`)}
        <tr class="invoice-total" data-account=${inv.account}><td>${inv.account}</td><td colspan="4"><b>total ${inv.month} (${inv.hours} h)</b></td><td><b>${num(inv.total, 6)} ${inv.currency}</b></td></tr>`)}</tbody></table>`}
  </div>`;
}
