// GeoTIFF bytes → ElevationGrid (first band, north-up, EPSG:4326 degrees).
import { fromArrayBuffer } from 'geotiff';
import type { ElevationGrid } from '../core/types.ts';

/** Reads a single-band north-up GeoTIFF in WGS84 degrees; nodata values become NaN. */
export async function readGeoTiff(bytes: Uint8Array | ArrayBuffer): Promise<ElevationGrid> {
  const buf = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  let image;
  try {
    image = await (await fromArrayBuffer(buf)).getImage();
  } catch (e) {
    throw new Error(`GeoTIFF: cannot read (${(e as Error).message})`);
  }
  const [west, , , north] = image.getBoundingBox();
  const [rx, ry] = image.getResolution();
  if (!(rx > 0) || !(ry < 0)) throw new Error('GeoTIFF: only north-up rasters are supported');
  if (Math.abs(west) > 360 || Math.abs(north) > 90) throw new Error('GeoTIFF: expected EPSG:4326 degrees; reproject the DEM to WGS84 first');
  const width = image.getWidth(), height = image.getHeight();
  const raster = (await image.readRasters({ samples: [0], interleave: true })) as ArrayLike<number>;
  const values = Float32Array.from(raster);
  const nodata = image.getGDALNoData();
  if (nodata !== null) for (let i = 0; i < values.length; i++) if (values[i] === nodata) values[i] = NaN;
  return { width, height, west, north, dx: rx, dy: -ry, values };
}
