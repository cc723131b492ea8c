import { useState } from 'preact/hooks';
import { html, ErrorBox, useAction } from '../ui.js';
import { consoleCall } from '../api.js';

export function Login({ onLogin }) {
  const [ak, setAK] = useState('');
  const [sk, setSK] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e) => {
    e.preventDefault();
    run(async () => onLogin(await consoleCall('POST', 'login', { accessKey: ak, secretKey: sk })));
  };
  return html`<form class="login" id="login-form" onSubmit=${submit}>
    <h1>Strata</h1>
    <label>Access key<input id="access-key" autocomplete="username" value=${ak} onInput=${(e) => setAK(e.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${sk} onInput=${(e) => setSK(e.target.value)} /></label>
    <button id="login" type="submit" disabled=${busy}>Log in</button>
    <${ErrorBox} error=${error} />
  </form>`;
}
