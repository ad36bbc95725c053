// Which reader a dropped file needs: binary formats by their magic bytes, zips by what they
// hold, text by extension.
import { unzipSync } from 'fflate';

export type FileFormat =
  'geojson' | 'fgb' | 'shapefile' | 'xlsx' | 'csv' | 'geotiff' | 'gpkg' | 'filegdb' | 'dxf' | 'mapinfo' | 'gml' | 'kml' | 'kmz';

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] ?? -1;
}

const SQLITE = [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0);

/** What a zip holds, from its directory alone (nothing is inflated); unreadable zips go to the
 *  shapefile reader, which reports the damage. */
function zipFormat(name: string, bytes: Uint8Array): FileFormat {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name.toLowerCase());
        return false;
      },
    });
  } catch {
    return 'shapefile';
  }
  if (names.some((n) => /\.gdb\//.test(n))) return 'filegdb';
  if (names.some((n) => n.endsWith('.shp'))) return 'shapefile';
  if (names.some((n) => n.endsWith('.tab') || n.endsWith('.mif'))) return 'mapinfo';
  if (names.some((n) => n.endsWith('.kml'))) return 'kmz';
  return /\.gdb\.zip$/i.test(name) ? 'filegdb' : 'shapefile';
}

/** The format of a file from its name and first bytes, or null if it is none we read. */
export function detectFormat(name: string, bytes: Uint8Array): FileFormat | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, [0x66, 0x67, 0x62, 0x03])) return 'fgb';
  if (isTiff(bytes)) return 'geotiff';
  if (startsWith(bytes, SQLITE)) return 'gpkg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return ext === 'xlsx' ? 'xlsx' : ext === 'kmz' ? 'kmz' : zipFormat(name, bytes);
  }
  if (ext === 'fgb') return 'fgb';
  if (ext === 'tif' || ext === 'tiff') return 'geotiff';
  if (ext === 'gpkg') return 'gpkg';
  if (ext === 'zip') return 'shapefile';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'kmz') return 'kmz';
  if (ext === 'kml') return 'kml';
  if (ext === 'dxf') return 'dxf';
  if (ext === 'gml') return 'gml';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (firstNonSpace(bytes) === 0x7b) return 'geojson'; // '{'
  return null;
}

/** GeoTIFF magic: "II*\0" or "MM\0*" (and BigTIFF's 43). */
export function isTiff(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  return (a === 0x49 && b === 0x49 && (c === 42 || c === 43) && d === 0) || (a === 0x4d && b === 0x4d && c === 0 && (d === 42 || d === 43));
}
