// TIFF directories walked before geotiff decodes them: the decoder allocates what a field
// declares before reading it (a 400-byte mutated DEM once made it ask for 2.8 GB), so a field
// may not declare more bytes than the file holds; nor may a block (tile or strip) be fractional
// (a strip height of 1e-44 made geotiff loop over 1e45 strips) or larger than the raster limit.
// Used by every GeoTIFF reader (DEM, population).
import type { GeoTIFFImage } from 'geotiff';

const TYPE_BYTES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};

/** What is wrong with a TIFF's directories (null: nothing), found by walking them before the
 *  decoder does: a field may not declare more bytes than the file holds. */
export function tiffProblem(buf: ArrayBuffer): string | null {
  const dv = new DataView(buf),
    n = buf.byteLength;
  if (n < 16) return 'too short';
  const le = dv.getUint16(0) === 0x4949;
  if (!le && dv.getUint16(0) !== 0x4d4d) return 'no TIFF byte-order mark';
  const big = dv.getUint16(2, le) === 43;
  const offset = (at: number) => (big ? Number(dv.getBigUint64(at, le)) : dv.getUint32(at, le));
  let ifd = offset(big ? 8 : 4);
  const seen = new Set<number>();
  while (ifd !== 0) {
    if (seen.has(ifd) || seen.size > 64 || ifd + (big ? 8 : 2) > n) return 'damaged directory';
    seen.add(ifd);
    const count = big ? Number(dv.getBigUint64(ifd, le)) : dv.getUint16(ifd, le);
    const entry = big ? 20 : 12,
      first = ifd + (big ? 8 : 2);
    if (first + count * entry + (big ? 8 : 4) > n) return 'damaged directory';
    for (let k = 0; k < count; k++) {
      const e = first + k * entry,
        type = dv.getUint16(e + 2, le);
      const values = big ? Number(dv.getBigUint64(e + 4, le)) : dv.getUint32(e + 4, le);
      if (values * (TYPE_BYTES[type] ?? 1) > n) return `tag ${dv.getUint16(e, le)} declares ${values} values, more than the file holds`;
    }
    ifd = offset(first + count * entry);
  }
  return null;
}

/** What is wrong with an image's declared blocks (null: nothing): whole cells, at most `maxValues`
 *  values each (the decoder allocates one block at a time). Call before readRasters. */
export function blockProblem(image: GeoTIFFImage, maxValues: number): string | null {
  const tw = image.getTileWidth(),
    th = image.getTileHeight(),
    spp = image.getSamplesPerPixel();
  if (!(Number.isInteger(tw) && tw >= 1 && Number.isInteger(th) && th >= 1 && Number.isInteger(spp) && spp >= 1 && spp <= 16)) {
    return `blocks of ${tw} × ${th} cells, ${spp} samples`;
  }
  if (tw * th * spp > maxValues) return `blocks of ${tw * th * spp} values, more than the limit of ${maxValues.toLocaleString('en')}`;
  return null;
}
