// Builds the console into internal/console/dist, which go:embed serves.
// No CDN: every file the page loads is in that folder.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = '../../internal/console/dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: `${out}/app.js`,
  legalComments: 'eof',
  logLevel: 'info',
});
cpSync('src/index.html', `${out}/index.html`);
cpSync('src/style.css', `${out}/style.css`);
