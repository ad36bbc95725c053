// A population grid (GeoTIFF of persons per cell: WorldPop, GHS-POP, a statistics bureau grid)
// → one demand point per populated cell, at the cell centre, in the raster's own coordinates.
import type { Feature } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { crsFromEpsg } from './crs.ts';
import { ImportError } from './import-error.ts';
import type { RawLayer } from './raw-layer.ts';
import { blockProblem, tiffProblem } from './tiff-check.ts';

/** What the raster held, before any cell was checked: cells with a positive value and their sum. */
export interface RasterInfo {
  width: number;
  height: number;
  cells: number;
  population: number;
}

/** Larger grids are refused before their cells are decoded (browser memory): a 30 m grid of a prefecture. */
export const MAX_RASTER_CELLS = 40e6;

// GeoKey values meaning "user-defined": the CRS must come from elsewhere (a guess, the user).
const USER_DEFINED = 32767;

/** Pixel (column i, row j) → the coordinates of its centre, or null for a rotated grid. A
 *  PixelIsPoint raster ties the coordinates to pixel centres, PixelIsArea to pixel corners. */
function cellCentre(
  mt: number[] | undefined,
  tie: number[] | undefined,
  scale: number[] | undefined,
  isPoint: boolean,
): ((i: number, j: number) => [number, number]) | null {
  const h = isPoint ? 0 : 0.5;
  if (tie && scale) {
    const [ti, tj, , tx, ty] = tie,
      [sx, sy] = scale;
    return (i, j) => [tx + (i - ti + h) * sx, ty - (j - tj + h) * sy];
  }
  if (!mt || mt[1] !== 0 || mt[4] !== 0) return null;
  return (i, j) => [mt[3] + (i + h) * mt[0], mt[7] + (j + h) * mt[5]];
}

/** Reads band 1 of a GeoTIFF; cells that are positive and not nodata become Point features with
 *  `population`. Throws ImportError when the raster carries no georeferencing. */
export async function readPopulationRaster(bytes: Uint8Array, file: string): Promise<RawLayer & { raster: RasterInfo }> {
  const buf = bytes.slice().buffer;
  const problem = tiffProblem(buf);
  if (problem) throw new ImportError('malformed', { file, detail: `GeoTIFF: ${problem}` });
  const image = await (await fromArrayBuffer(buf)).getImage();
  const fd = image.fileDirectory;
  if (!fd.hasTag('ModelTransformation') && !(fd.hasTag('ModelTiepoint') && fd.hasTag('ModelPixelScale'))) {
    throw new ImportError('no_georeference', { file });
  }
  const cell = cellCentre(
    fd.getValue('ModelTransformation') as number[] | undefined,
    fd.getValue('ModelTiepoint') as number[] | undefined,
    fd.getValue('ModelPixelScale') as number[] | undefined,
    image.getGeoKeys()?.GTRasterTypeGeoKey === 2,
  );
  if (!cell) throw new ImportError('no_georeference', { file, detail: 'rotated' });
  const keys = image.getGeoKeys() ?? {};
  const epsg = Number(keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey ?? NaN);
  let declaredCrs = null;
  if (Number.isFinite(epsg) && epsg !== USER_DEFINED) {
    declaredCrs = crsFromEpsg(epsg);
    if (!declaredCrs) throw new ImportError('unknown_crs', { file, detail: `EPSG:${epsg}` });
  }
  const width = image.getWidth(),
    height = image.getHeight();
  if (width * height > MAX_RASTER_CELLS)
    throw new ImportError('too_large', { file, detail: `${width} × ${height} cells > ${MAX_RASTER_CELLS / 1e6} M` });
  const blocks = blockProblem(image, MAX_RASTER_CELLS);
  if (blocks) throw new ImportError('malformed', { file, detail: `GeoTIFF: ${blocks}` });
  const values = (await image.readRasters({ samples: [0], interleave: true })) as ArrayLike<number>;
  const nodata = image.getGDALNoData();
  const features: Feature[] = [];
  let population = 0;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const v = values[j * width + i];
      if (!(v > 0) || v === nodata || !Number.isFinite(v)) continue;
      population += v;
      features.push({ type: 'Feature', properties: { population: v }, geometry: { type: 'Point', coordinates: cell(i, j) } });
    }
  }
  return { features, declaredCrs, warnings: [], skipped: [], raster: { width, height, cells: features.length, population } };
}
