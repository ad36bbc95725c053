// Coordinate reference systems users' files come in, converted to WGS84 inside the tool.
// Chinese web-map offsets (GCJ-02, BD-09) are not projections proj4 knows: gcoord does them.
import gcoord from 'gcoord';

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
