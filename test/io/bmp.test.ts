// The hillshade's image format (src/map/bmp.ts): a top-down 32-bit BMP whose pixel words hold
// B, G, R, A, behind a BITMAPV4HEADER that declares those masks.
import { describe, expect, it } from 'vitest';
import { rgbaBmp } from '../../src/map/bmp';

describe('rgbaBmp', () => {
  // 2 × 2 pixels, rows from the top: red, green / blue, half-transparent grey.
  const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 60, 55, 70, 128]);
  const bmp = rgbaBmp(rgba, 2, 2);
  const v = new DataView(bmp.buffer);

  it('writes the file and info headers of a top-down BI_BITFIELDS bitmap with an alpha mask', () => {
    expect(String.fromCharCode(bmp[0], bmp[1])).toBe('BM');
    expect(v.getUint32(2, true)).toBe(bmp.length);
    expect(v.getUint32(10, true)).toBe(14 + 108);
    expect(v.getUint32(14, true)).toBe(108);
    expect([v.getInt32(18, true), v.getInt32(22, true)]).toEqual([2, -2]);
    expect([v.getUint16(28, true), v.getUint32(30, true), v.getUint32(34, true)]).toEqual([32, 3, 16]);
    expect([54, 58, 62, 66].map((o) => v.getUint32(o, true))).toEqual([0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000]);
  });

  it('stores each pixel as B, G, R, A, rows in the given order', () => {
    expect([...bmp.subarray(122)]).toEqual([0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255, 70, 55, 60, 128]);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => rgbaBmp(rgba, 3, 2)).toThrow(/16 bytes for 3 × 2 pixels/);
  });
});
