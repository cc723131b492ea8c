import { useState } from 'preact/hooks';
import { html, fmtDate } from '../ui.js';
import { Quota } from './quota.js';

// Accounts lists the accounts (administrator only) and opens each one's
// quota.
export function Accounts({ accounts, session }) {
  const [open, setOpen] = useState('');
  return html`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th><th></th></tr></thead>
    <tbody>${accounts.map((a) => html`<tr key=${a.id} data-account=${a.name}><td>${a.name}</td><td>${a.id}</td><td>${fmtDate(a.created)}</td>
      <td class="actions"><button data-account-quota=${a.name} onClick=${() => setOpen(open === a.name ? '' : a.name)}>Quota</button></td></tr>
      ${open === a.name && html`<tr key=${a.id + '-quota'}><td colspan="4"><${Quota} kind="account" name=${a.name} canWrite=${!!session.can.quota} /></td></tr>`}`)}
    </tbody></table>`;
}
