// Generates the Honghe demo data when its outputs are missing, so `npm start` works on a fresh clone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

// households.fgb.gz: demo data generated before the app downloaded it gzipped lacks it.
if (!['manifest.json', 'households.fgb.gz'].every((name) => existsSync(`public/demo/${name}`))) {
  console.log('Demo data missing: generating it (npm run data) …');
  const r = spawnSync('npm', ['run', 'data'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
