import { useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { iam } from '../api.js';

// ChangePassword is shown instead of the pages after a password login
// whose password must be changed (the login profile's reset flag). It
// calls IAM ChangePassword through the console, as the signed-in user.
export function ChangePassword({ session, onChanged }) {
  const [oldPW, setOld] = useState('');
  const [newPW, setNew] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e) => {
    e.preventDefault();
    run(async () => { await iam('ChangePassword', { OldPassword: oldPW, NewPassword: newPW }); onChanged(); });
  };
  return html`<form class="login" id="change-password-form" onSubmit=${submit}>
    <h1>New password</h1>
    <p>${session.account} / ${session.user}: your password must be changed before you continue.</p>
    <label>Current password<input id="old-password" type="password" autocomplete="current-password" value=${oldPW} onInput=${(e) => setOld(e.target.value)} /></label>
    <label>New password<input id="new-password" type="password" autocomplete="new-password" value=${newPW} onInput=${(e) => setNew(e.target.value)} /></label>
    <button id="change-password" type="submit" disabled=${busy}>Change password</button>
    <${ErrorBox} error=${error} />
  </form>`;
}
