// RGBA pixels as an uncompressed 32-bit BMP with an alpha channel, for an image source: the
// browser decodes it to the same pixels as a PNG, without the encoding (the demo's hillshade took
// ≈0.3 s of the loading worker as a PNG, while the households were still arriving).

const FILE_HEADER = 14;
const INFO_HEADER = 108; // BITMAPV4HEADER: the first that carries an alpha mask

/** A top-down BMP (BITMAPV4HEADER, BI_BITFIELDS, sRGB) of `rgba` (width·height·4 bytes, rows
 *  from the top). */
export function rgbaBmp(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array<ArrayBuffer> {
  const size = width * height * 4;
  if (rgba.length !== size) throw new Error(`rgbaBmp: ${rgba.length} bytes for ${width} × ${height} pixels`);
  const out = new Uint8Array(FILE_HEADER + INFO_HEADER + size);
  const v = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  v.setUint32(2, out.length, true);
  v.setUint32(10, FILE_HEADER + INFO_HEADER, true); // pixels' offset
  const h = FILE_HEADER;
  v.setUint32(h, INFO_HEADER, true);
  v.setInt32(h + 4, width, true);
  v.setInt32(h + 8, -height, true); // negative: rows top-down
  v.setUint16(h + 12, 1, true); // planes
  v.setUint16(h + 14, 32, true); // bits per pixel
  v.setUint32(h + 16, 3, true); // BI_BITFIELDS
  v.setUint32(h + 20, size, true);
  v.setInt32(h + 24, 2835, true); // 72 dpi
  v.setInt32(h + 28, 2835, true);
  // Masks of a little-endian pixel word: bytes B, G, R, A.
  v.setUint32(h + 40, 0x00ff0000, true);
  v.setUint32(h + 44, 0x0000ff00, true);
  v.setUint32(h + 48, 0x000000ff, true);
  v.setUint32(h + 52, 0xff000000, true);
  v.setUint32(h + 56, 0x73524742, true); // LCS_sRGB ('sRGB'); end points and gamma stay 0
  const px = FILE_HEADER + INFO_HEADER;
  for (let i = 0; i < size; i += 4) {
    out[px + i] = rgba[i + 2];
    out[px + i + 1] = rgba[i + 1];
    out[px + i + 2] = rgba[i];
    out[px + i + 3] = rgba[i + 3];
  }
  return out;
}
