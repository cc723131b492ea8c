import { useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { consoleCall } from '../api.js';

// Login takes an access key and secret, or an account, user name and
// password (an empty user name is the account's root). Either way the
// server keeps the credentials; the page only gets a session cookie.
export function Login({ onLogin }) {
  const [mode, setMode] = useState('key');
  const [ak, setAK] = useState('');
  const [sk, setSK] = useState('');
  const [account, setAccount] = useState('');
  const [user, setUser] = useState('');
  const [pw, setPW] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e) => {
    e.preventDefault();
    const body = mode === 'key' ? { accessKey: ak, secretKey: sk } : { account, user, password: pw };
    run(async () => onLogin(await consoleCall('POST', 'login', body)));
  };
  const tab = (m, label, id) => html`<button type="button" id=${id}
    aria-pressed=${mode === m} onClick=${() => setMode(m)}>${label}</button>`;
  return html`<form class="login" id="login-form" onSubmit=${submit}>
    <h1>Strata</h1>
    <div class="login-modes">${tab('key', 'Access key', 'login-mode-key')}${tab('password', 'Password', 'login-mode-password')}</div>
    ${mode === 'key' ? html`
    <label>Access key<input id="access-key" autocomplete="username" value=${ak} onInput=${(e) => setAK(e.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${sk} onInput=${(e) => setSK(e.target.value)} /></label>` : html`
    <label>Account<input id="login-account" autocomplete="organization" value=${account} onInput=${(e) => setAccount(e.target.value)} /></label>
    <label>User name (empty: the account's root)<input id="login-user" autocomplete="username" value=${user} onInput=${(e) => setUser(e.target.value)} /></label>
    <label>Password<input id="login-password" type="password" autocomplete="current-password" value=${pw} onInput=${(e) => setPW(e.target.value)} /></label>`}
    <button id="login" type="submit" disabled=${busy}>Log in</button>
    <${ErrorBox} error=${error} />
  </form>`;
}
