// GeoTIFF bytes → ElevationGrid (first band, north-up, EPSG:4326 degrees). Declared sizes (every
// directory field, the raster, its blocks) are checked before anything is decoded: a small
// compressed file can declare a huge raster.
import { fromArrayBuffer } from 'geotiff';
import type { ElevationGrid } from '../core/types.ts';

/** Most cells a DEM may declare (5000 × 5000: 100 MB as Float32; the demo has far fewer). */
export const MAX_DEM_CELLS = 25_000_000;

/** A DEM that cannot be used, said in words (never a raw decoder message alone). */
export class DemError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DemError';
  }
}

function why(e: unknown): string {
  return e instanceof Error ? e.message.slice(0, 120) : String(e).slice(0, 120);
}

const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

/** Walks the TIFF directories before the decoder does: a field may not declare more bytes than
 *  the file holds (the decoder would allocate them first: a 400-byte file once asked for 2.8 GB). */
function checkDirectories(buf: ArrayBuffer): void {
  const dv = new DataView(buf), n = buf.byteLength;
  if (n < 16) throw new DemError('the DEM is not a readable GeoTIFF (too short)');
  const le = dv.getUint16(0) === 0x4949;
  if (!le && dv.getUint16(0) !== 0x4d4d) throw new DemError('the DEM is not a readable GeoTIFF (no TIFF byte-order mark)');
  const big = dv.getUint16(2, le) === 43;
  const offset = (at: number) => (big ? Number(dv.getBigUint64(at, le)) : dv.getUint32(at, le));
  let ifd = offset(big ? 8 : 4);
  const seen = new Set<number>();
  while (ifd !== 0) {
    if (seen.has(ifd) || seen.size > 64 || ifd + (big ? 8 : 2) > n) throw new DemError('the DEM is not a readable GeoTIFF (damaged directory)');
    seen.add(ifd);
    const count = big ? Number(dv.getBigUint64(ifd, le)) : dv.getUint16(ifd, le);
    const entry = big ? 20 : 12, first = ifd + (big ? 8 : 2);
    if (first + count * entry + (big ? 8 : 4) > n) throw new DemError('the DEM is not a readable GeoTIFF (damaged directory)');
    for (let k = 0; k < count; k++) {
      const e = first + k * entry, type = dv.getUint16(e + 2, le);
      const values = big ? Number(dv.getBigUint64(e + 4, le)) : dv.getUint32(e + 4, le);
      if (values * (TYPE_BYTES[type] ?? 1) > n) {
        throw new DemError(`the DEM is not a readable GeoTIFF (tag ${dv.getUint16(e, le)} declares ${values} values, more than the file holds)`);
      }
    }
    ifd = offset(first + count * entry);
  }
}

/** Reads a single-band north-up GeoTIFF in WGS84 degrees; nodata values become NaN. */
export async function readGeoTiff(bytes: Uint8Array | ArrayBuffer, maxCells = MAX_DEM_CELLS): Promise<ElevationGrid> {
  const buf = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  checkDirectories(buf);
  let image;
  try {
    image = await (await fromArrayBuffer(buf)).getImage();
  } catch (e) {
    throw new DemError(`the DEM is not a readable GeoTIFF (damaged, truncated or another format: ${why(e)})`, e);
  }
  const width = image.getWidth(), height = image.getHeight();
  if (!(width >= 1 && height >= 1)) throw new DemError(`the DEM declares an empty raster (${width} × ${height} cells)`);
  if (width * height > maxCells) {
    throw new DemError(`the DEM declares ${width} × ${height} cells, more than the limit of ${maxCells.toLocaleString('en')} cells; resample it coarser first`);
  }
  // Blocks (tiles or strips) and samples are decoded whole: their declared sizes are bounded too.
  const block = image.getTileWidth() * image.getTileHeight() * image.getSamplesPerPixel();
  if (!(block <= maxCells) || !(image.getSamplesPerPixel() <= 16)) throw new DemError(`the DEM declares blocks of ${block} values, more than the limit of ${maxCells.toLocaleString('en')}`);
  let west: number, north: number, rx: number, ry: number;
  try {
    [west, , , north] = image.getBoundingBox();
    [rx, ry] = image.getResolution();
  } catch (e) {
    throw new DemError(`the DEM has no georeference (tie point and pixel scale): ${why(e)}`, e);
  }
  if (!(rx > 0) || !(ry < 0)) throw new DemError('the DEM is not north-up; only north-up rasters are supported');
  if (!(Math.abs(west) <= 360) || !(Math.abs(north) <= 90)) throw new DemError('the DEM is not in EPSG:4326 degrees; reproject it to WGS84 first');
  let raster: ArrayLike<number>;
  try {
    raster = (await image.readRasters({ samples: [0], interleave: true })) as ArrayLike<number>;
  } catch (e) {
    throw new DemError(`the DEM's cells cannot be decoded (damaged or truncated: ${why(e)})`, e);
  }
  if (raster.length !== width * height) throw new DemError(`the DEM holds ${raster.length} of ${width * height} cells (truncated)`);
  const values = Float32Array.from(raster);
  const nodata = image.getGDALNoData();
  if (nodata !== null) for (let i = 0; i < values.length; i++) if (values[i] === nodata) values[i] = NaN;
  return { width, height, west, north, dx: rx, dy: -ry, values };
}
