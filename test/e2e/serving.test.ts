// How the preview server (npm start, and these tests) serves the app's files: the demo's binary
// layers go as they are, the gzipped households as data, text stays compressed (vite.config.ts).
import { request } from 'node:http';
import { statSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

/** Status, headers and body length of a GET that accepts gzip and brotli, as a browser does. */
function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, inject('baseUrl')), { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving the demo', () => {
  it.each(['households.fgb', 'communities.fgb', 'roads.fgb', 'dem.tif'])('sends demo/%s as it is, not gzipped on the fly', async (name) => {
    const r = await get(`demo/${name}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.bytes).toBe(statSync(`dist/demo/${name}`).size);
  });

  it('sends demo/households.fgb.gz as gzip data for the loader to inflate, not as an encoding', async () => {
    const r = await get('demo/households.fgb.gz');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('application/gzip');
    expect(r.bytes).toBe(statSync('dist/demo/households.fgb.gz').size);
  });

  it('still compresses text (the manifest)', async () => {
    const r = await get('demo/manifest.json');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
  });
});
