// Golden outputs of `npm run analyze` on the full demo (public/demo): summary.json and
// communities.csv must stay byte-identical through every speed-up of reading, graph building,
// snapping and routing. Neither file holds a run-dependent field (no timings, dates or paths),
// so nothing is masked. catchments.geojson is not compared: its tracing is being rewritten
// (isochrones) and is checked by its own tests.
// Regenerate on purpose (say why in the commit): REGEN=1 npx vitest run test/cli/demo-golden.test.ts
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/analyze.ts';

const DEMO = 'public/demo/';
const GOLDEN = 'test/cli/golden/';
const FILES = ['summary.json', 'communities.csv'];
const inputs = [
  '--communities',
  DEMO + 'communities.fgb',
  '--households',
  DEMO + 'households.fgb',
  '--facilities',
  DEMO + 'facilities.fgb',
];

const mixed = [...inputs, '--network', DEMO + 'roads.fgb', '--dem', DEMO + 'dem.tif'];
const cache = mkdtempSync(join(tmpdir(), 'golden-cache-'));

const CASES: { name: string; golden: string; args: string[] }[] = [
  // Catalogue modes: network, slope (roads + DEM) and straight types in one run.
  { name: 'demo-mixed', golden: 'demo-mixed', args: mixed },
  { name: 'demo-straight', golden: 'demo-straight', args: inputs },
  // --cache: the run that writes the prepared network and the snaps, then the one that reads them.
  { name: 'demo-mixed, filling --cache', golden: 'demo-mixed', args: [...mixed, '--cache', cache] },
  { name: 'demo-mixed, from --cache', golden: 'demo-mixed', args: [...mixed, '--cache', cache] },
];

describe('analyze on the demo matches the golden outputs', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const out = mkdtempSync(join(tmpdir(), 'golden-'));
      const log: string[] = [];
      const code = await main([...c.args, '--out', out], (s) => log.push(s));
      expect(code, log.join('\n')).toBe(0);
      for (const f of FILES) {
        const got = readFileSync(join(out, f), 'utf8');
        const golden = join(GOLDEN, `${c.golden}-${f}`);
        if (process.env.REGEN === '1' && c.golden === c.name) writeFileSync(golden, got);
        // Compared as text (not toEqual on parsed JSON): the bytes are the contract.
        expect(got === readFileSync(golden, 'utf8'), `${f} differs from ${golden}`).toBe(true);
      }
      if (c.args.includes('--cache'))
        for (const kind of ['network-', 'layers-', 'memo-'])
          expect(readdirSync(cache).filter((f) => f.startsWith(kind) && f.endsWith('.scp')).length).toBe(1);
    });
  }
});
