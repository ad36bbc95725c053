// Generates the Honghe demo data when its outputs are missing, so `npm start` works on a fresh clone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const manifest = 'public/demo/manifest.json';
if (!existsSync(manifest)) {
  console.log('Demo data missing: generating it (npm run data) …');
  const r = spawnSync('npm', ['run', 'data'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
