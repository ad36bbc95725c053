// Incremental what-if editing of one facility type under the straight-line model. Each demand
// point keeps its nearest facility and time; an edit touches only demand within reach of the
// changed site, and per-community covered totals move by deltas. Ties in time go to the smaller
// facility id, so the state equals a full recompute exactly (totals exactly when weights are
// integers, as household counts are). Times above `maxMinutes` are stored as Infinity with
// nearest −1: the cap bounds how far an edit can reach. With barriers, a facility whose straight
// line to a point crosses one does not reach it (as in the analysis, travel/barriers.ts).
import type KDBush from 'kdbush';
import { crossesBarrier, type Barriers } from '../travel/barriers.ts';
import { LocalProjection, latSpan, reachMetres, straightMinutes, type StraightParams } from './straight-reach.ts';

export interface WhatIfInput {
  demandCoords: Float64Array;
  weight: Float32Array;
  /** Community index per demand point, −1 if none. */
  community: Int32Array;
  communityCount: number;
  /** Initial facilities of the type (ids 0 … n−1 in this order). */
  facilityCoords: Float64Array;
  /** Travel model; `minutes` is the coverage threshold. */
  params: StraightParams;
  /** Largest time tracked, minutes (≥ params.minutes; default params.minutes). */
  maxMinutes?: number;
  /** Lines a straight path may not cross. */
  barriers?: Barriers;
}

export class WhatIf {
  /** Minutes to the nearest facility per demand point, Infinity beyond maxMinutes. */
  readonly time: Float32Array;
  /** Id of the nearest facility per demand point, −1 if none within maxMinutes. */
  readonly nearest: Int32Array;
  /** Covered weight per community (time ≤ minutes), and all its weight (fixed): a community is a
   *  gap when covered / total falls below the type's target share. */
  readonly communityCovered: Float64Array;
  readonly communityTotal: Float64Array;
  coveredTotal = 0;
  /** Facility coordinates by id (interleaved); removed ids keep their last position. */
  facCoords: number[] = [];
  alive: number[] = [];
  private readonly cap: number;
  private readonly reach: number;
  private readonly proj: LocalProjection;
  private readonly demandIndex: KDBush;
  private readonly grid = new Map<number, number[]>();
  private readonly cell: number;

  constructor(private readonly inp: WhatIfInput) {
    const n = inp.weight.length;
    this.cap = Math.max(inp.maxMinutes ?? inp.params.minutes, inp.params.minutes);
    this.reach = reachMetres(this.cap, inp.params);
    const [lo, hi] = latSpan(inp.demandCoords);
    this.proj = new LocalProjection(lo - 1, hi + 1);
    this.cell = this.reach * this.proj.slack + 1;
    this.demandIndex = this.proj.index(inp.demandCoords);
    this.time = new Float32Array(n).fill(Infinity);
    this.nearest = new Int32Array(n).fill(-1);
    this.communityCovered = new Float64Array(inp.communityCount);
    this.communityTotal = new Float64Array(inp.communityCount);
    for (let d = 0; d < n; d++) if (inp.community[d] >= 0) this.communityTotal[inp.community[d]] += inp.weight[d];
    for (let f = 0; f < inp.facilityCoords.length / 2; f++) this.add(inp.facilityCoords[2 * f], inp.facilityCoords[2 * f + 1]);
  }

  private key(lon: number, lat: number, dx = 0, dy = 0): number {
    const cx = Math.floor((lon * this.proj.kx) / this.cell) + dx,
      cy = Math.floor((lat * this.proj.ky) / this.cell) + dy;
    return (cx + 2 ** 20) * 2 ** 21 + (cy + 2 ** 20);
  }

  /** Sets demand d's nearest facility, moving coverage totals by the change. */
  private set(d: number, t: number, id: number, changed: number[]): void {
    const m = this.inp.params.minutes;
    const was = this.time[d] <= m,
      now = t <= m;
    this.time[d] = t;
    this.nearest[d] = id;
    changed.push(d);
    if (was === now) return;
    const w = now ? this.inp.weight[d] : -this.inp.weight[d];
    this.coveredTotal += w;
    const c = this.inp.community[d];
    if (c >= 0) this.communityCovered[c] += w;
  }

  /** Offers facility `id` to every demand point it reaches. */
  private offer(id: number, changed: number[]): void {
    const lon = this.facCoords[2 * id],
      lat = this.facCoords[2 * id + 1],
      dc = this.inp.demandCoords;
    for (const d of this.proj.near(this.demandIndex, this.inp.weight.length, lon, lat, this.reach)) {
      const t = straightMinutes(dc[2 * d], dc[2 * d + 1], lon, lat, this.inp.params);
      if (t > this.cap || this.blocked(dc[2 * d], dc[2 * d + 1], lon, lat)) continue;
      if (t < this.time[d] || (t === this.time[d] && id < this.nearest[d])) this.set(d, t, id, changed);
    }
  }

  /** Withdraws facility `id` (already out of the grid): its demand finds the next nearest. */
  private withdraw(id: number, changed: number[]): void {
    const lon = this.facCoords[2 * id],
      lat = this.facCoords[2 * id + 1],
      dc = this.inp.demandCoords;
    for (const d of this.proj.near(this.demandIndex, this.inp.weight.length, lon, lat, this.reach)) {
      if (this.nearest[d] !== id) continue;
      const x = dc[2 * d],
        y = dc[2 * d + 1];
      let bt = Infinity,
        bi = -1;
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          for (const f of this.grid.get(this.key(x, y, dx, dy)) ?? []) {
            const t = straightMinutes(x, y, this.facCoords[2 * f], this.facCoords[2 * f + 1], this.inp.params);
            if (
              t <= this.cap &&
              (t < bt || (t === bt && f < bi)) &&
              !this.blocked(x, y, this.facCoords[2 * f], this.facCoords[2 * f + 1])
            ) {
              bt = t;
              bi = f;
            }
          }
        }
      this.set(d, bt, bi, changed);
    }
  }

  private blocked(ax: number, ay: number, bx: number, by: number): boolean {
    return !!this.inp.barriers && crossesBarrier(this.inp.barriers, ax, ay, bx, by);
  }

  private gridPut(id: number): void {
    const k = this.key(this.facCoords[2 * id], this.facCoords[2 * id + 1]);
    const list = this.grid.get(k);
    if (list) list.push(id);
    else this.grid.set(k, [id]);
  }
  private gridDrop(id: number): void {
    const k = this.key(this.facCoords[2 * id], this.facCoords[2 * id + 1]);
    const list = this.grid.get(k)!;
    list.splice(list.indexOf(id), 1);
  }

  /** Adds a facility at (lon, lat) WGS84; returns its id and the demand points whose state changed (may repeat). */
  add(lon: number, lat: number): { id: number; changed: number[] } {
    const id = this.alive.length,
      changed: number[] = [];
    this.facCoords.push(lon, lat);
    this.alive.push(1);
    this.gridPut(id);
    this.offer(id, changed);
    return { id, changed };
  }

  /** Deletes facility `id`; returns the demand points whose state changed. */
  remove(id: number): number[] {
    if (!this.alive[id]) throw new Error(`facility ${id} is not present`);
    const changed: number[] = [];
    this.alive[id] = 0;
    this.gridDrop(id);
    this.withdraw(id, changed);
    return changed;
  }

  /** Moves facility `id` to (lon, lat), keeping its id; returns the demand points whose state changed (may repeat). */
  move(id: number, lon: number, lat: number): number[] {
    const changed = this.remove(id);
    this.facCoords[2 * id] = lon;
    this.facCoords[2 * id + 1] = lat;
    this.alive[id] = 1;
    this.gridPut(id);
    this.offer(id, changed);
    return changed;
  }
}
