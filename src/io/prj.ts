// Reads the CRS out of a Shapefile .prj (ESRI or OGC WKT1) or a WKT2 string.
// Chinese land-survey data names its systems inconsistently ("CGCS2000_3_Degree_GK_CM_102E",
// "CGCS2000 / 3-degree Gauss-Kruger zone 34", "China Geodetic Coordinate System 2000"), so the
// parameters decide, not the name: a transverse Mercator on the CGCS2000/GRS80 ellipsoid with
// k = 1 and false northing 0 is a GK zone whatever it is called. The older Beijing-54
// (Krassovsky) and Xi'an-80 (IAG-75) zones are read the same way, on their own ellipsoids.
import { crsFromEpsg, gk3, gk6, WGS84, type Crs, type OldDatum } from './crs.ts';

/** Why a .prj was not understood (null when it was). */
export type PrjResult = { crs: Crs } | { crs: null; detail: string };

function param(wkt: string, names: string[]): number | null {
  for (const n of names) {
    const m = new RegExp(`PARAMETER\\s*\\[\\s*"${n}"\\s*,\\s*(-?[\\d.eE+-]+)`, 'i').exec(wkt);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The datum of a GK WKT: CGCS2000 (or WGS84, the same here), Beijing-54, Xi'an-80, or null. */
function gkDatum(wkt: string): 'cgcs2000' | OldDatum | null {
  if (/beijing[_ ]?1954|krassowsky|krasovsky/i.test(wkt)) return 'beijing54';
  if (/xian[_ ]?1980|xi'an[_ ]?1980|iag[_ ]?1975|iau[_ ]?1976/i.test(wkt)) return 'xian80';
  if (/china[_ ]?(geodetic[_ ]?coordinate[_ ]?system[_ ]?)?2000|cgcs[_ ]?2000|grs[_ ]?1980|wgs[_ ]?(19)?84/i.test(wkt)) return 'cgcs2000';
  return null;
}

/** The CRS declared by a WKT string (.prj content), or why it is not one we convert. */
export function crsFromWkt(wkt: string): PrjResult {
  const text = wkt.trim();
  const head = /^(\w+)\s*\[\s*"([^"]*)"/.exec(text);
  if (!head) return { crs: null, detail: text.slice(0, 80) };
  const [, kind, name] = head;
  // The last AUTHORITY/ID in WKT1/WKT2 belongs to the outermost object.
  const auths = [...text.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const outerCode = auths.length ? Number(auths[auths.length - 1][1]) : null;
  if (outerCode !== null) {
    const byCode = crsFromEpsg(outerCode);
    if (byCode) return { crs: byCode };
  }
  const upper = kind.toUpperCase();
  if (upper === 'GEOGCS' || upper === 'GEOGCRS' || upper === 'GEODCRS') {
    if (/china|cgcs/i.test(text)) return { crs: { kind: 'cgcs2000' } };
    if (/wgs[_ ]?(19)?84/i.test(text)) return { crs: WGS84 };
    return { crs: null, detail: name };
  }
  if (upper !== 'PROJCS' && upper !== 'PROJCRS') return { crs: null, detail: name };
  if (/mercator_auxiliary_sphere|pseudo[-_ ]mercator|popular visualisation/i.test(text)) return { crs: { kind: 'webmercator' } };
  if (!/transverse[_ ]mercator|gauss[_ ]kruger|gauss-kruger/i.test(text)) return { crs: null, detail: name };
  const datumFound = gkDatum(text);
  if (!datumFound) return { crs: null, detail: name };
  const datum = datumFound === 'cgcs2000' ? undefined : datumFound;
  const cm = param(text, ['central_meridian', 'longitude of natural origin', 'Longitude_Of_Origin']);
  const fe = param(text, ['false_easting', 'false easting']) ?? 0;
  const fn = param(text, ['false_northing', 'false northing']) ?? 0;
  const k = param(text, ['scale_factor', 'scale factor at natural origin']) ?? 1;
  const lat0 = param(text, ['latitude_of_origin', 'latitude of natural origin']) ?? 0;
  if (cm === null || k !== 1 || fn !== 0 || lat0 !== 0) return { crs: null, detail: name };
  // "3_Degree"/"3-degree" in the name means 3° zones; otherwise a meridian of the 6° series
  // (…, 99, 105, …) means 6° (ArcGIS "CGCS2000_GK_CM_105E"). The false easting must then match.
  const sixFirst = !/3[_ -]?degree/i.test(text) && (cm + 3) % 6 === 0;
  for (const width of sixFirst ? [6, 3] : [3, 6]) {
    const valid = width === 3 ? cm % 3 === 0 : (cm + 3) % 6 === 0;
    if (!valid) continue;
    for (const prefixed of [false, true]) {
      const crs = width === 3 ? gk3(cm, prefixed, datum) : gk6(cm, prefixed, datum);
      if (crs.kind === 'gk' && crs.falseEasting === fe) return { crs };
    }
  }
  return { crs: null, detail: name };
}
