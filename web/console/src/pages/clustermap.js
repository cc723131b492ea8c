import { html } from '../ui.js';

// A service not heard from for longer than this is drawn greyed out.
const SILENT_MS = 30000;

// ClusterMap draws the cluster as nested boxes, site › rack › host, each
// host holding one tile per service. Every box and tile is keyed by a
// stable name, so that the once-a-second refresh only updates attributes
// and styles of the existing elements: the DOM is not re-created, and
// nothing flickers.
//
// nodes is the /cluster/nodes answer (site, rack, host, services); when it
// is missing, the services are grouped by their location instead.
export function ClusterMap({ nodes, services }) {
  const now = Date.now();
  const sites = groupSites(nodes, services);
  if (sites.length === 0) return null;
  return html`<div class="cmap" id="cluster-map" role="group" aria-label="Cluster map">
    ${sites.map((site) => html`<div class="cmap-site" key=${site.name} data-site=${site.name}>
      <div class="cmap-label">site ${site.name}</div>
      <div class="cmap-row">${site.racks.map((rack) => html`<div class="cmap-rack" key=${rack.name} data-rack=${rack.name}>
        <div class="cmap-label">rack ${rack.name}</div>
        <div class="cmap-row">${rack.hosts.map((host) => html`<div class="cmap-host" key=${host.name} data-host=${host.name}>
          <div class="cmap-label">${host.name}</div>
          <div class="cmap-tiles">${host.services.map((s) => html`<${Tile} key=${s.id} s=${s} now=${now} />`)}</div>
        </div>`)}</div>
      </div>`)}</div>
    </div>`)}
  </div>`;
}

// Tile is one service: its type and short id, a fill colour and a bar
// following its score (0 red, 100 green), marked when locked, greyed when
// silent.
function Tile({ s, now }) {
  const score = clamp(Number(s.score) || 0);
  const silent = now - new Date(s.updated).getTime() > SILENT_MS;
  const state = silent ? 'silent' : s.locked ? 'locked' : score === 0 ? 'zero' : 'up';
  const label = `${s.type} ${s.id}: score ${score}${s.locked ? ', locked' : ''}${silent ? ', silent for more than 30 s' : ''}`;
  // Hue 0 (red) at score 0 to 120 (green) at 100; silent tiles are grey.
  const fill = silent ? '#e3e5ea' : `hsl(${Math.round(score * 1.2)}, 70%, 88%)`;
  const bar = silent ? '#9aa0aa' : `hsl(${Math.round(score * 1.2)}, 65%, 42%)`;
  return html`<div class=${`cmap-tile ${state}`} role="img" title=${label} aria-label=${label}
      data-tile=${s.id} data-score=${score} data-locked=${String(!!s.locked)} data-state=${state}
      style=${{ background: fill }}>
    <div class="cmap-type">${s.type}${s.locked ? html` <span class="cmap-lock" aria-hidden="true">LOCK</span>` : ''}</div>
    <div class="cmap-id">${shortID(s.id)}</div>
    <div class="cmap-score"><div class="cmap-bar" style=${{ width: `${score}%`, background: bar }}></div></div>
    <div class="cmap-num">${score}${s.locked ? ' locked' : ''}</div>
  </div>`;
}

// groupSites returns [{name, racks: [{name, hosts: [{name, services}]}]}],
// sorted by name at every level so that boxes do not move between polls.
function groupSites(nodes, services) {
  const byID = new Map((services || []).map((s) => [s.id, s]));
  const hosts = [];
  if (Array.isArray(nodes) && nodes.length > 0) {
    // Prefer the freshest view of a service: the services poll.
    for (const n of nodes) hosts.push({ site: n.site, rack: n.rack, host: n.host, services: (n.services || []).map((s) => byID.get(s.id) || s) });
  } else {
    const m = new Map();
    for (const s of services || []) {
      const [site = '', rack = '', host = ''] = String(s.location || '').split('.');
      const k = `${site}\u0000${rack}\u0000${host}`;
      if (!m.has(k)) m.set(k, { site, rack, host, services: [] });
      m.get(k).services.push(s);
    }
    hosts.push(...m.values());
  }
  const sites = new Map();
  for (const h of hosts) {
    const site = h.site || 'default', rack = h.rack || 'default', host = h.host || 'local';
    if (!sites.has(site)) sites.set(site, new Map());
    const racks = sites.get(site);
    if (!racks.has(rack)) racks.set(rack, new Map());
    const hs = racks.get(rack);
    if (!hs.has(host)) hs.set(host, []);
    hs.get(host).push(...h.services);
  }
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...sites].map(([name, racks]) => ({
    name,
    racks: [...racks].map(([rname, hs]) => ({
      name: rname,
      hosts: [...hs].map(([hname, list]) => ({ name: hname, services: [...list].sort((a, b) => (a.type + a.id < b.type + b.id ? -1 : 1)) })).sort(byName),
    })).sort(byName),
  })).sort(byName);
}

// shortID keeps an id readable in a tile: its last 8 characters.
function shortID(id) {
  const s = String(id || '');
  return s.length > 10 ? `…${s.slice(-8)}` : s;
}

function clamp(n) { return Math.max(0, Math.min(100, Math.round(n))); }
