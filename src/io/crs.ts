// Coordinate reference systems users' files come in, converted to WGS84 inside the tool.
// Chinese web-map offsets (GCJ-02, BD-09) are not projections proj4 knows: gcoord does them.
// Gauss–Krüger zones go through proj4 with explicit definitions (no EPSG database in the bundle).
import gcoord from 'gcoord';
import proj4 from 'proj4';

/** A coordinate system the importer understands. CGCS2000 geographic is kept apart from WGS84
 *  only to export back under the right name: the two differ by centimetres, below this tool's
 *  precision, so they convert identically. */
export type Crs =
  | { kind: 'wgs84' }
  | { kind: 'cgcs2000' }
  /** CGCS2000 Gauss–Krüger (transverse Mercator, GRS80, k = 1): central meridian in degrees,
   *  false easting in metres (500000, or zone·1e6 + 500000 when the zone is prefixed to x). */
  | { kind: 'gk'; cm: number; falseEasting: number; zoneWidth: 3 | 6; datum?: OldDatum; towgs84?: number[] }
  | { kind: 'webmercator' }
  | { kind: 'gcj02' }
  | { kind: 'bd09' };

export const WGS84: Crs = { kind: 'wgs84' };

/** The older national datums GK files still come in (Krassovsky and IAG-75 ellipsoids): a `gk`
 *  Crs with `datum` is on one of them. `towgs84` (Bursa–Wolf, position vector: dx, dy, dz in m,
 *  rx, ry, rz in arc-seconds, scale in ppm) is what the user entered; without it the published
 *  approximation below applies and the import warns. */
export type OldDatum = 'beijing54' | 'xian80';

/** Approximate shifts to WGS84 when the user has none. Beijing-54: EPSG:15921 (three parameters,
 *  stated to 1 m in the Tarim basin, several metres or more elsewhere; GDAL's long-time default).
 *  Xi'an-80: the EPSG dataset publishes no transformation, so only the ellipsoid changes. */
export const APPROX_TOWGS84: Record<OldDatum, number[]> = {
  beijing54: [15.8, -154.4, -82.3, 0, 0, 0, 0],
  xian80: [0, 0, 0, 0, 0, 0, 0],
};

const DATUM_NAMES: Record<OldDatum, string> = { beijing54: 'Beijing-54', xian80: "Xi'an-80" };

/** EPSG code ranges of GK systems by datum: 3°/6° zones, with the zone number prefixed or not. */
const GK_EPSG: Record<OldDatum | 'cgcs2000', { p3: number; c3: number; p6: number; c6: number }> = {
  cgcs2000: { p3: 4513, c3: 4534, p6: 4491, c6: 4502 },
  beijing54: { p3: 2401, c3: 2422, p6: 21413, c6: 21473 },
  xian80: { p3: 2349, c3: 2370, p6: 2327, c6: 2338 },
};

/** GCJ-02 (Chinese web maps) → WGS84, degrees. */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  const [x, y] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [x, y];
}

/** WGS84 → GCJ-02, degrees (to export back in the source system). */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return [x, y];
}

function gkOn(cm: number, zoneWidth: 3 | 6, falseEasting: number, datum?: OldDatum): Crs {
  return datum ? { kind: 'gk', cm, zoneWidth, falseEasting, datum } : { kind: 'gk', cm, zoneWidth, falseEasting };
}

/** A 3° Gauss–Krüger zone by central meridian (degrees E), with or without zone prefix; CGCS2000 unless `datum`. */
export function gk3(cm: number, prefixed = false, datum?: OldDatum): Crs {
  return gkOn(cm, 3, prefixed ? (cm / 3) * 1e6 + 500000 : 500000, datum);
}

/** A 6° Gauss–Krüger zone by central meridian (degrees E), with or without zone prefix; CGCS2000 unless `datum`. */
export function gk6(cm: number, prefixed = false, datum?: OldDatum): Crs {
  return gkOn(cm, 6, prefixed ? ((cm + 3) / 6) * 1e6 + 500000 : 500000, datum);
}

/** The CRS for an EPSG code, or null if it is not one this tool handles. */
export function crsFromEpsg(code: number): Crs | null {
  if (code === 4326) return { kind: 'wgs84' };
  if (code === 4490) return { kind: 'cgcs2000' };
  if (code === 3857 || code === 900913 || code === 102100) return { kind: 'webmercator' };
  for (const [name, r] of Object.entries(GK_EPSG)) {
    const datum = name === 'cgcs2000' ? undefined : (name as OldDatum);
    if (code >= r.p6 && code <= r.p6 + 10) return gk6(6 * (code - r.p6 + 13) - 3, true, datum);
    if (code >= r.c6 && code <= r.c6 + 10) return gk6(75 + 6 * (code - r.c6), false, datum);
    if (code >= r.p3 && code <= r.p3 + 20) return gk3(3 * (code - r.p3 + 25), true, datum);
    if (code >= r.c3 && code <= r.c3 + 20) return gk3(75 + 3 * (code - r.c3), false, datum);
  }
  return null;
}

/** The EPSG code of a CRS, or null (GCJ-02, BD-09 and non-standard GK variants have none). */
export function crsToEpsg(crs: Crs): number | null {
  switch (crs.kind) {
    case 'wgs84':
      return 4326;
    case 'cgcs2000':
      return 4490;
    case 'webmercator':
      return 3857;
    case 'gcj02':
    case 'bd09':
      return null;
    case 'gk': {
      const prefixed = crs.falseEasting !== 500000,
        r = GK_EPSG[crs.datum ?? 'cgcs2000'];
      const code =
        crs.zoneWidth === 3
          ? prefixed
            ? r.p3 + crs.cm / 3 - 25
            : r.c3 + (crs.cm - 75) / 3
          : prefixed
            ? r.p6 + (crs.cm + 3) / 6 - 13
            : r.c6 + (crs.cm - 75) / 6;
      const back = Number.isInteger(code) ? crsFromEpsg(code) : null;
      return back &&
        back.kind === 'gk' &&
        back.cm === crs.cm &&
        back.falseEasting === crs.falseEasting &&
        back.zoneWidth === crs.zoneWidth &&
        back.datum === crs.datum
        ? code
        : null;
    }
  }
}

/** Whether two CRS values describe the same system. */
export function sameCrs(a: Crs, b: Crs): boolean {
  if (a.kind !== 'gk' || b.kind !== 'gk') return a.kind === b.kind;
  return (
    a.cm === b.cm &&
    a.falseEasting === b.falseEasting &&
    a.zoneWidth === b.zoneWidth &&
    a.datum === b.datum &&
    String(a.towgs84 ?? '') === String(b.towgs84 ?? '')
  );
}

/** A short human label (same in zh and en: these are the names planners see in GIS software). */
export function crsLabel(crs: Crs): string {
  const epsg = crsToEpsg(crs);
  const suffix = epsg ? ` (EPSG:${epsg})` : '';
  switch (crs.kind) {
    case 'wgs84':
      return `WGS84${suffix}`;
    case 'cgcs2000':
      return `CGCS2000${suffix}`;
    case 'webmercator':
      return `Web Mercator${suffix}`;
    case 'gcj02':
      return 'GCJ-02';
    case 'bd09':
      return 'BD-09';
    case 'gk': {
      const zone = crs.zoneWidth === 3 ? crs.cm / 3 : (crs.cm + 3) / 6;
      const prefix = crs.falseEasting !== 500000 ? ` zone ${zone}` : '';
      const datum = crs.datum ? DATUM_NAMES[crs.datum] : 'CGCS2000';
      const shift = crs.towgs84 ? ` +towgs84=${crs.towgs84.join(',')}` : '';
      return `${datum} ${crs.zoneWidth}° GK CM ${crs.cm}°E${prefix}${suffix}${shift}`;
    }
  }
}

/** Seven finite Bursa–Wolf values within what a datum shift can be (|shift| ≤ 1 km, |rotation|
 *  ≤ 60″, |scale| ≤ 100 ppm). */
export function validTowgs84(t: number[]): boolean {
  return (
    t.length === 7 &&
    t.every(Number.isFinite) &&
    t.slice(0, 3).every((v) => Math.abs(v) <= 1000) &&
    t.slice(3, 6).every((v) => Math.abs(v) <= 60) &&
    Math.abs(t[6]) <= 100
  );
}

/** Parses a CRS name as given on a command line or in a GeoJSON `crs` member:
 *  "EPSG:4543", "urn:ogc:def:crs:EPSG::4543", "4543", "wgs84", "cgcs2000", "gcj02", "bd09",
 *  "webmercator", "gk3:102", "gk3:102:prefix", "gk6:105", and on the older datums
 *  "bj54:gk3:102", "xian80:gk6:105:prefix", optionally "+towgs84=dx,dy,dz,rx,ry,rz,s". Null if not understood. */
export function parseCrsName(name: string): Crs | null {
  const s = name.trim().toLowerCase();
  const epsg = /^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[\d.]*:)?(\d{4,6})$/.exec(s);
  if (epsg) return crsFromEpsg(Number(epsg[1]));
  if (s === 'urn:ogc:def:crs:ogc:1.3:crs84' || s === 'crs84' || s === 'wgs84' || s === 'wgs 84') return WGS84;
  if (s === 'cgcs2000') return { kind: 'cgcs2000' };
  if (s === 'gcj02' || s === 'gcj-02') return { kind: 'gcj02' };
  if (s === 'bd09' || s === 'bd-09') return { kind: 'bd09' };
  if (s === 'webmercator' || s === 'web-mercator') return { kind: 'webmercator' };
  const gk = /^(?:(bj54|xian80):)?gk([36]):(\d{2,3})(:prefix)?(?:\+towgs84=([-\d.eE,+]+))?$/.exec(s);
  if (gk) {
    const datum = gk[1] === 'bj54' ? 'beijing54' : gk[1] === 'xian80' ? 'xian80' : undefined;
    const cm = Number(gk[3]);
    const ok = gk[2] === '3' ? cm % 3 === 0 : (cm + 3) % 6 === 0;
    if (!ok || cm < 73 || cm > 135) return null;
    const crs = gk[2] === '3' ? gk3(cm, !!gk[4], datum) : gk6(cm, !!gk[4], datum);
    if (gk[5] === undefined) return crs;
    const t = gk[5].split(',').map(Number);
    return datum && validTowgs84(t) ? ({ ...crs, towgs84: t } as Crs) : null;
  }
  return null;
}

type PointFn = (x: number, y: number) => [number, number];

function gkDef(crs: Extract<Crs, { kind: 'gk' }>): string {
  // etmerc (Poder/Engsager series) stays sub-millimetre across a whole 6° zone; tmerc's Snyder series does not.
  const datum =
    crs.datum === undefined
      ? '+ellps=GRS80'
      : `+ellps=${crs.datum === 'beijing54' ? 'krass' : 'IAU76'} +towgs84=${(crs.towgs84 ?? APPROX_TOWGS84[crs.datum]).join(',')}`;
  return `+proj=etmerc +lat_0=0 +lon_0=${crs.cm} +k=1 +x_0=${crs.falseEasting} +y_0=0 ${datum} +units=m +no_defs`;
}

function pointFn(crs: Crs, forward: boolean): PointFn {
  const id = (x: number, y: number): [number, number] => [x, y];
  switch (crs.kind) {
    case 'wgs84':
    case 'cgcs2000':
      return id;
    case 'gcj02':
      return forward ? wgs84ToGcj02 : gcj02ToWgs84;
    case 'bd09': {
      const [from, to] = forward ? [gcoord.WGS84, gcoord.BD09] : [gcoord.BD09, gcoord.WGS84];
      return (x, y) => {
        const [a, b] = gcoord.transform([x, y], from, to);
        return [a, b];
      };
    }
    case 'webmercator':
    case 'gk': {
      const p = proj4('EPSG:4326', crs.kind === 'gk' ? gkDef(crs) : 'EPSG:3857');
      return forward ? (x, y) => p.forward([x, y]) as [number, number] : (x, y) => p.inverse([x, y]) as [number, number];
    }
  }
}

function guarded(f: PointFn): PointFn {
  // Non-finite input stays NaN instead of reaching proj4/gcoord (which may throw or return junk).
  return (x, y) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return [NaN, NaN];
    const [a, b] = f(x, y);
    return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : [NaN, NaN];
  };
}

/** Point converter from `crs` to WGS84 lon/lat degrees; NaN out for unconvertible input. */
export function pointToWgs84(crs: Crs): PointFn {
  return guarded(pointFn(crs, false));
}

/** Point converter from WGS84 lon/lat degrees to `crs`. */
export function pointFromWgs84(crs: Crs): PointFn {
  return guarded(pointFn(crs, true));
}

function arrayFn(f: PointFn): (xy: ArrayLike<number>) => Float64Array {
  return (xy) => {
    const out = new Float64Array(xy.length);
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const [a, b] = f(xy[i], xy[i + 1]);
      out[i] = a;
      out[i + 1] = b;
    }
    return out;
  };
}

/** Converter of interleaved [x0, y0, x1, y1, …] in `crs` to interleaved WGS84 lon/lat degrees. */
export function toWgs84(crs: Crs): (xy: ArrayLike<number>) => Float64Array {
  return arrayFn(pointToWgs84(crs));
}

/** Converter of interleaved WGS84 lon/lat degrees to interleaved coordinates in `crs`. */
export function fromWgs84(crs: Crs): (lonlat: ArrayLike<number>) => Float64Array {
  return arrayFn(pointFromWgs84(crs));
}
