// OpenStreetMap files (.osm.pbf through osm-pbf.ts, .osm XML through sax) to a road network and
// optional facility points. Roads are the ways tagged highway=* or route=ferry; their class is
// the highway value and their access flags come from the tags (core/travel/road-class). Ways are
// joined only where they share an OSM node, so bridges and tunnels stay apart from what they
// cross even where vertices coincide. Clipped to an extent: each way keeps its runs of nodes
// inside, plus the first node outside at either end, so roads leaving the extent keep their
// border edge.
import type { Feature, LineString } from 'geojson';
import sax from 'sax';
import type { LineLayer } from '../core/types.ts';
import { accessFlags, FERRY, NO_FOOT, NO_VEHICLE } from '../core/travel/road-class.ts';
import { ImportError } from './import-error.ts';
import { poiType } from './osm-poi-types.ts';
import type { Extent } from './osm-file.ts';
import { readPbf } from './osm-pbf.ts';

type Tags = Record<string, string>;

interface OsmElements {
  nodes: Map<number, { lon: number; lat: number; tags?: Tags }>;
  ways: { id: number; refs: number[]; tags: Tags }[];
}

export interface OsmPoi {
  /** Catalogue code the tags map to (osm-poi-types.ts). */
  type: string;
  lon: number;
  lat: number;
  id: string;
  name: string;
  /** The tag that decided the type, e.g. "amenity=kindergarten" (shown for confirmation). */
  tag: string;
}

export interface OsmNetwork {
  lines: LineLayer;
  /** Road ways read, and those with at least one edge inside the extent. */
  ways: number;
  waysInside: number;
  pois: OsmPoi[];
}

/** A node's position, checked: a damaged file must not put NaN or 400° into the network. */
function checkNode(name: string, id: number, lon: number, lat: number): void {
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90))
    throw new ImportError('malformed', { file: name, detail: `OpenStreetMap node ${id}: no valid position (lon ${lon}, lat ${lat})` });
}

function parsePbf(name: string, bytes: Uint8Array): OsmElements {
  const out: OsmElements = { nodes: new Map(), ways: [] };
  try {
    readPbf(bytes, {
      node: (id, lon, lat, tags) => {
        checkNode(name, id, lon, lat);
        out.nodes.set(id, { lon, lat, tags });
      },
      way: (id, refs, tags) => out.ways.push({ id, refs, tags }),
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('malformed', { file: name, detail: `OpenStreetMap PBF: ${(e as Error).message}` }, e);
  }
  return out;
}

function parseXml(name: string, bytes: Uint8Array): OsmElements {
  const out: OsmElements = { nodes: new Map(), ways: [] };
  const parser = sax.parser(true);
  let node: { id: number; lon: number; lat: number; tags?: Tags } | null = null;
  let way: { id: number; refs: number[]; tags: Tags } | null = null;
  parser.onopentag = (t) => {
    const a = t.attributes as Record<string, string>;
    if (t.name === 'node') node = { id: Number(a.id), lon: Number(a.lon), lat: Number(a.lat) };
    else if (t.name === 'way') way = { id: Number(a.id), refs: [], tags: {} };
    else if (t.name === 'nd' && way) way.refs.push(Number(a.ref));
    else if (t.name === 'tag') {
      if (way) way.tags[a.k] = a.v;
      else if (node) (node.tags ??= {})[a.k] = a.v;
    }
  };
  parser.onclosetag = (tag) => {
    if (tag === 'node' && node) {
      checkNode(name, node.id, node.lon, node.lat);
      out.nodes.set(node.id, node);
      node = null;
    }
    if (tag === 'way' && way) {
      out.ways.push(way);
      way = null;
    }
  };
  try {
    parser.write(new TextDecoder().decode(bytes)).close();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('malformed', { file: name, detail: `OpenStreetMap XML: ${(e as Error).message.split('\n')[0]}` }, e);
  }
  return out;
}

const inside = (x: number, y: number, e?: Extent) => !e || (x >= e[0] && x <= e[2] && y >= e[1] && y <= e[3]);

/** Reads an OSM file into a road network clipped to `extent`, and, with `pois`, the facility
 *  points its tags name. Throws an ImportError naming the file when it holds no roads, or none
 *  inside the extent (unless `roads` is false: only the POIs are wanted). */
export function readOsm(name: string, bytes: Uint8Array, opts: { extent?: Extent; pois?: boolean; roads?: boolean } = {}): OsmNetwork {
  const isPbf = /\.pbf$/i.test(name) || (bytes.length > 8 && new TextDecoder().decode(bytes.subarray(4, 16)).includes('OSMHeader'));
  const { nodes, ways } = isPbf ? parsePbf(name, bytes) : parseXml(name, bytes);
  const xy: number[] = [],
    ids: number[] = [],
    lineStart: number[] = [0],
    lineClass: number[] = [],
    lineFlags: number[] = [];
  const classNames = [''],
    classIndex = new Map([['', 0]]);
  const denseId = new Map<number, number>();
  let roads = 0,
    roadsInside = 0;
  for (const w of ways) {
    const highway = w.tags.highway,
      ferry = w.tags.route === 'ferry';
    if ((!highway && !ferry) || w.tags.area === 'yes') continue;
    roads++;
    const cls = highway ?? '';
    if (!classIndex.has(cls)) {
      classIndex.set(cls, classNames.length);
      classNames.push(cls);
    }
    const flags = accessFlags(w.tags);
    // Runs of consecutive nodes that exist in the file; a node is kept when it or a neighbour
    // lies inside the extent.
    let run: number[] = [];
    let kept = false;
    const flush = () => {
      if (run.length >= 2) {
        for (const ref of run) {
          const n = nodes.get(ref)!;
          xy.push(n.lon, n.lat);
          let d = denseId.get(ref);
          if (d === undefined) {
            d = denseId.size;
            denseId.set(ref, d);
          }
          ids.push(d);
        }
        lineStart.push(xy.length / 2);
        lineClass.push(classIndex.get(cls)!);
        lineFlags.push(flags);
        kept = true;
      }
      run = [];
    };
    const refs = w.refs;
    for (let k = 0; k < refs.length; k++) {
      const n = nodes.get(refs[k]);
      if (!n) {
        flush();
        continue;
      }
      const near = (j: number) => {
        const m = j >= 0 && j < refs.length ? nodes.get(refs[j]) : undefined;
        return !!m && inside(m.lon, m.lat, opts.extent);
      };
      if (near(k) || near(k - 1) || near(k + 1)) run.push(refs[k]);
      else flush();
    }
    flush();
    if (kept) roadsInside++;
  }
  if (opts.roads !== false && roads === 0) throw new ImportError('osm_no_roads', { file: name });
  if (opts.roads !== false && roadsInside === 0) throw new ImportError('osm_outside_extent', { file: name, detail: String(roads) });
  const pois: OsmPoi[] = [];
  if (opts.pois) {
    const add = (lon: number, lat: number, id: string, tags: Tags) => {
      const hit = poiType(tags);
      if (hit && inside(lon, lat, opts.extent))
        pois.push({ type: hit.type, lon, lat, id, name: tags['name:zh'] ?? tags.name ?? '', tag: hit.tag });
    };
    for (const [id, n] of nodes) if (n.tags) add(n.lon, n.lat, `node/${id}`, n.tags);
    // Facilities mapped as building outlines: the mean of their nodes.
    for (const w of ways) {
      if (w.tags.highway || !poiType(w.tags)) continue;
      let x = 0,
        y = 0,
        c = 0;
      for (const ref of w.refs.slice(0, w.refs[0] === w.refs[w.refs.length - 1] ? -1 : undefined)) {
        const n = nodes.get(ref);
        if (n) {
          x += n.lon;
          y += n.lat;
          c++;
        }
      }
      if (c > 0) add(x / c, y / c, `way/${w.id}`, w.tags);
    }
  }
  return {
    lines: {
      coords: Float64Array.from(xy),
      lineStart: Uint32Array.from(lineStart),
      lineClass: Uint16Array.from(lineClass),
      classNames,
      lineFlags: Uint8Array.from(lineFlags),
      nodeId: Uint32Array.from(ids),
    },
    ways: roads,
    waysInside: roadsInside,
    pois,
  };
}

/** The network as the GeoJSON the app's project keeps: each line's class as `highway`, its access
 *  flags as the tags that set them (foot=no, motor_vehicle=no, route=ferry), and its vertices'
 *  OSM node ids as `osm_nodes`, so linesFromFeatures (io/features.ts) gives the same network back,
 *  bridges still apart from what they cross. */
export function osmNetworkFeatures(lines: LineLayer): Feature<LineString>[] {
  const out: Feature<LineString>[] = [];
  for (let l = 0; l + 1 < lines.lineStart.length; l++) {
    const a = lines.lineStart[l],
      b = lines.lineStart[l + 1];
    const cls = lines.classNames?.[lines.lineClass?.[l] ?? 0] ?? '',
      flags = lines.lineFlags?.[l] ?? 0;
    const coordinates: [number, number][] = [];
    for (let i = a; i < b; i++) coordinates.push([lines.coords[2 * i], lines.coords[2 * i + 1]]);
    out.push({
      type: 'Feature',
      properties: {
        ...(cls ? { highway: cls } : {}),
        ...(flags & NO_FOOT ? { foot: 'no' } : {}),
        ...(flags & NO_VEHICLE ? { motor_vehicle: 'no' } : {}),
        ...(flags & FERRY ? { route: 'ferry' } : {}),
        ...(lines.nodeId ? { osm_nodes: Array.from(lines.nodeId.subarray(a, b)) } : {}),
      },
      geometry: { type: 'LineString', coordinates },
    });
  }
  return out;
}
