import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './ui.js';
import { consoleCall, setCSRF } from './api.js';
import { Login } from './pages/login.js';
import { ChangePassword } from './pages/password.js';
import { Buckets } from './pages/buckets.js';
import { Objects } from './pages/objects.js';
import { Identity } from './pages/identity.js';
import { Cluster } from './pages/cluster.js';
import { Functions } from './pages/functions.js';
import { Metrics } from './pages/metrics.js';
import { Usage } from './pages/usage.js';

// Routes live in the hash (#/buckets, #/b/BUCKET/PREFIX, ...), so the
// server serves one static page and never sees the route.
function useRoute() {
  const [route, setRoute] = useState(location.hash.slice(1) || '/buckets');
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/buckets');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function Page({ route, session }) {
  if (route.startsWith('/b/')) {
    const rest = route.slice(3);
    const i = rest.indexOf('/');
    const bucket = decodeURIComponent(i < 0 ? rest : rest.slice(0, i));
    const prefix = i < 0 ? '' : decodeURIComponent(rest.slice(i + 1));
    return html`<${Objects} key=${bucket} bucket=${bucket} prefix=${prefix} session=${session} />`;
  }
  if (route.startsWith('/identity')) return html`<${Identity} session=${session} />`;
  if (route.startsWith('/cluster')) return html`<${Cluster} session=${session} />`;
  if (route.startsWith('/functions')) return html`<${Functions} session=${session} />`;
  if (route.startsWith('/metrics')) return html`<${Metrics} />`;
  if (route.startsWith('/usage')) return html`<${Usage} />`;
  return html`<${Buckets} session=${session} />`;
}

function App() {
  const [session, setSession] = useState(undefined);
  const route = useRoute();
  useEffect(() => {
    consoleCall('GET', 'session').then((s) => { setCSRF(s.csrf); setSession(s); }, () => setSession(null));
  }, []);
  if (session === undefined) return html`<p class="loading">Loading…</p>`;
  if (session === null) return html`<${Login} onLogin=${(s) => { setCSRF(s.csrf); setSession(s); }} />`;
  const logout = async () => {
    try { await consoleCall('POST', 'logout'); } finally { setCSRF(''); setSession(null); location.hash = ''; }
  };
  if (session.passwordResetRequired) {
    const reload = () => consoleCall('GET', 'session').then((s) => { setCSRF(s.csrf); setSession(s); });
    return html`<${ChangePassword} session=${session} onChanged=${reload} />`;
  }
  const nav = (href, label) => html`<a href=${href} class=${route.startsWith(href.slice(1)) ? 'active' : ''}>${label}</a>`;
  return html`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${nav('#/buckets', 'Buckets')}${nav('#/identity', 'Identity')}${nav('#/cluster', 'Cluster')}${nav('#/functions', 'Functions & events')}${nav('#/usage', 'Usage')}${nav('#/metrics', 'Metrics')}</nav>
      <span class="who" id="who">${session.account} / ${session.user}${session.can.putObject ? '' : ' (read-only)'}</span>
      <button id="logout" onClick=${logout}>Log out</button>
    </header>
    <main><${Page} route=${route} session=${session} /></main>
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
