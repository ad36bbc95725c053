// The batched GeoJSON byte parser against its oracle, JSON.parse of the decoded text: the same
// value for every text JSON.parse accepts, the same error message for every text it refuses.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonBytes } from '../../src/io/json-bytes.ts';

const enc = new TextEncoder();

/** Outcome of a parse: the value, or the error's type and message. */
function outcome(f: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

function expectSameAsJsonParse(bytes: Uint8Array, batch: number): void {
  const want = outcome(() => JSON.parse(new TextDecoder('utf-8').decode(bytes)));
  const got = outcome(() => parseJsonBytes(bytes, batch));
  expect(got).toEqual(want);
  if (want.value && typeof want.value === 'object') expect(Object.getPrototypeOf(got.value)).toBe(Object.getPrototypeOf(want.value));
}

// GeoJSON-shaped texts: a FeatureCollection with extra members, odd keys and strings with
// escapes, quotes, brackets and non-ASCII characters, in varied whitespace.
const str = fc.oneof(fc.string(), fc.constantFrom('"', '\\', '\\"', ']', '},{', '红河', '\u2028', '\ufeff', '𝌆'));
const props = fc.dictionary(str, fc.oneof(str, fc.double(), fc.integer(), fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 2 })), {
  maxKeys: 4,
});
const feature = fc.record({
  type: fc.constant('Feature'),
  properties: props,
  geometry: fc.record({
    type: fc.constant('Point'),
    coordinates: fc.tuple(fc.double({ min: -180, max: 180 }), fc.double({ min: -90, max: 90 })),
  }),
});
const doc = fc.record({
  pre: fc.dictionary(str, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  features: fc.oneof(fc.array(feature, { maxLength: 12 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 })),
  post: fc.dictionary(fc.oneof(str, fc.constantFrom('features', '__proto__', 'type')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  indent: fc.constantFrom(undefined, 0, 1, '\t', ' \r\n'),
});

function text(d: { pre: object; features: unknown[]; post: object; indent: string | number | undefined }): string {
  const pre = JSON.stringify(d.pre, null, d.indent).slice(1, -1).trim();
  const post = JSON.stringify(d.post, null, d.indent).slice(1, -1).trim();
  const feats = JSON.stringify(d.features, null, d.indent);
  return `{${pre}${pre ? ',' : ''}"type":"FeatureCollection","features":${feats}${post ? ',' : ''}${post}}`;
}

describe('parseJsonBytes equals JSON.parse', () => {
  it('on valid GeoJSON-shaped texts, in batches of any size', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom(1, 7, 64, 1 << 20), fc.boolean(), (d, batch, bom) => {
        const t = (bom ? '\ufeff' : '') + text(d);
        expectSameAsJsonParse(enc.encode(t), batch);
      }),
      { numRuns: 400 },
    );
  });

  it('on damaged texts: bytes deleted, inserted or replaced (same value or same error)', () => {
    const damage = fc.array(
      fc.tuple(fc.nat(), fc.constantFrom(...'{}[],:"\\ 0-e.\ufeff\n'.split(''), ''), fc.constantFrom('insert', 'delete', 'replace')),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(doc, damage, fc.constantFrom(1, 64, 1 << 20), (d, hits, batch) => {
        let t = text(d);
        for (const [at, ch, how] of hits) {
          const k = at % (t.length + 1);
          t =
            how === 'insert'
              ? t.slice(0, k) + ch + t.slice(k)
              : how === 'delete'
                ? t.slice(0, k) + t.slice(k + 1)
                : t.slice(0, k) + ch + t.slice(k + 1);
        }
        expectSameAsJsonParse(enc.encode(t), batch);
      }),
      { numRuns: 1500 },
    );
  });

  it('on raw bytes: cut UTF-8 sequences, lone bytes, non-object tops', () => {
    fc.assert(
      fc.property(doc, fc.uint8Array({ maxLength: 4 }), fc.nat(), (d, junk, at) => {
        const b = enc.encode(text(d));
        const k = at % (b.length + 1);
        expectSameAsJsonParse(new Uint8Array([...b.subarray(0, k), ...junk, ...b.subarray(k)]), 16);
      }),
      { numRuns: 500 },
    );
    for (const t of [
      '',
      ' ',
      '[]',
      '[1,2]',
      '"x"',
      '12',
      'null',
      '{}',
      ' {} ',
      '{"features":[]}',
      '{"features":[1,]}',
      '{"features":[,1]}',
      '{"features":[1 2]}',
      '{"a":1,}',
      '{"a" 1}',
      '{"features":{"x":[1]}}',
      '{"__proto__":{"x":1},"features":[{"__proto__":2}]}',
      '{"features":[1],"features":[2,3]}',
      '{"features":[1]} x',
      '{"features":[1]',
      '{"features":["\\"]"]}',
    ]) {
      expectSameAsJsonParse(enc.encode(t), 1);
    }
  });
});
