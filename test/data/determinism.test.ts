// Same seed ⇒ byte-identical files; another seed ⇒ different synthetic files, same real ones.
// Runs the generator in memory on two small counties (Hekou, Pingbian) to stay fast.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generate } from '../../data/generator/pipeline.ts';

const COUNTIES = ['532532', '532523'];

describe('generate()', () => {
  const a = generate({ seed: 11, counties: COUNTIES });
  const b = generate({ seed: 11, counties: COUNTIES });
  const c = generate({ seed: 12, counties: COUNTIES });

  it('writes the contract files', () => {
    expect([...a.files.keys()]).toEqual([
      'counties.fgb',
      'townships.fgb',
      'communities.fgb',
      'households.fgb',
      'households.fgb.gz',
      'facilities.fgb',
      'roads.fgb',
      'dem.tif',
      'manifest.json',
    ]);
    expect(a.counts).toMatchObject({ counties: 2, townships: 6 + 7, communities: 48 + 80 });
  });

  it('gzips the households for download, losslessly', () => {
    expect(Buffer.compare(gunzipSync(a.files.get('households.fgb.gz')!), Buffer.from(a.files.get('households.fgb')!))).toBe(0);
    expect(a.files.get('households.fgb.gz')!.length).toBeLessThan(a.files.get('households.fgb')!.length / 4);
  });

  it('is byte-identical for the same seed', () => {
    for (const [name, bytes] of a.files) {
      expect(bytes.length, name).toBeGreaterThan(0);
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(b.files.get(name)!)), name).toBe(0);
    }
  });

  it('differs for another seed except in the real county layer', () => {
    for (const name of ['communities.fgb', 'households.fgb', 'facilities.fgb', 'roads.fgb', 'dem.tif', 'manifest.json']) {
      expect(Buffer.compare(Buffer.from(a.files.get(name)!), Buffer.from(c.files.get(name)!)), name).not.toBe(0);
    }
    expect(Buffer.compare(Buffer.from(a.files.get('counties.fgb')!), Buffer.from(c.files.get('counties.fgb')!))).toBe(0);
  });

  it('makes a county the same whether generated alone or with others', () => {
    const alone = generate({ seed: 11, counties: ['532532'] });
    const countOf = (g: typeof a, code: string): number => {
      // Household points carry their community code; count those of the county.
      const text = Buffer.from(g.files.get('households.fgb')!).toString('latin1');
      return text.split(code).length - 1;
    };
    expect(countOf(alone, '532532')).toBe(countOf(a, '532532'));
  });
});
