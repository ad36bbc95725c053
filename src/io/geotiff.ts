// GeoTIFF bytes → ElevationGrid (first band, north-up, EPSG:4326 degrees). Declared sizes (every
// directory field, the raster, its blocks) are checked before anything is decoded: a small
// compressed file can declare a huge raster.
import { fromArrayBuffer } from 'geotiff';
import type { ElevationGrid } from '../core/types.ts';
import { blockProblem, tiffProblem } from './tiff-check.ts';

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

/** Reads a single-band north-up GeoTIFF in WGS84 degrees; nodata values become NaN. */
export async function readGeoTiff(bytes: Uint8Array | ArrayBuffer, maxCells = MAX_DEM_CELLS): Promise<ElevationGrid> {
  const buf = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  const problem = tiffProblem(buf);
  if (problem) throw new DemError(`the DEM is not a readable GeoTIFF (${problem})`);
  let image;
  try {
    image = await (await fromArrayBuffer(buf)).getImage();
  } catch (e) {
    throw new DemError(`the DEM is not a readable GeoTIFF (damaged, truncated or another format: ${why(e)})`, e);
  }
  const width = image.getWidth(),
    height = image.getHeight();
  if (!(width >= 1 && height >= 1)) throw new DemError(`the DEM declares an empty raster (${width} × ${height} cells)`);
  if (width * height > maxCells) {
    throw new DemError(
      `the DEM declares ${width} × ${height} cells, more than the limit of ${maxCells.toLocaleString('en')} cells; resample it coarser first`,
    );
  }
  const blocks = blockProblem(image, maxCells);
  if (blocks) throw new DemError(`the DEM declares ${blocks}`);
  let west: number, north: number, rx: number, ry: number;
  try {
    [west, , , north] = image.getBoundingBox();
    [rx, ry] = image.getResolution();
  } catch (e) {
    throw new DemError(`the DEM has no georeference (tie point and pixel scale): ${why(e)}`, e);
  }
  if (!(rx > 0) || !(ry < 0)) throw new DemError('the DEM is not north-up; only north-up rasters are supported');
  if (!(Math.abs(west) <= 360) || !(Math.abs(north) <= 90))
    throw new DemError('the DEM is not in EPSG:4326 degrees; reproject it to WGS84 first');
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
