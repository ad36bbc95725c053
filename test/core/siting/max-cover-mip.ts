// Exact maximal covering by mixed-integer programming with HiGHS, the reference the heuristic
// is measured against (tests and bench). Model: maximise Σ w_d·y_d subject to
// y_d ≤ Σ_{c reaches d} x_c for demand not already covered, Σ x_c ≤ N, x binary, 0 ≤ y ≤ 1.
import highsLoader from 'highs';
import type { SitingProblem } from '../../../src/core/siting/cover-state.ts';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let loaded: Promise<Highs> | undefined;

/** Writes the CPLEX LP text of the maximal-covering MIP (terms wrapped, ≤ 8 per line). */
export function maxCoverLp(p: SitingProblem, n: number): string {
  const { candStart, demandIdx, candCount, demandCount } = p.sets;
  const by: number[][] = Array.from({ length: demandCount }, () => []);
  for (let c = 0; c < candCount; c++) for (let k = candStart[c]; k < candStart[c + 1]; k++) by[demandIdx[k]].push(c);
  const free = [...Array(demandCount).keys()].filter((d) => !p.covered0?.[d] && by[d].length > 0 && p.weight[d] > 0);
  const wrap = (terms: string[]): string => terms.map((t, i) => (i > 0 && i % 8 === 0 ? '\n ' : '') + t).join(' ');
  const lines = [
    'Maximize',
    ' obj: ' + (free.length ? wrap(free.map((d, i) => `${i ? '+ ' : ''}${p.weight[d]} y${d}`)) : '0 x0'),
    'Subject To',
  ];
  for (const d of free) lines.push(` r${d}: ` + wrap([`y${d}`, ...by[d].map((c) => `- x${c}`)]) + ' <= 0');
  lines.push(' card: ' + wrap([...Array(candCount).keys()].map((c, i) => `${i ? '+ ' : ''}x${c}`)) + ` <= ${n}`);
  lines.push('Bounds');
  for (const d of free) lines.push(` 0 <= y${d} <= 1`);
  lines.push('Binary', ' ' + wrap([...Array(candCount).keys()].map((c) => `x${c}`)), 'End');
  return lines.join('\n');
}

/** Solves the MIP exactly; returns the optimal covered weight (existing cover included), the sites and seconds taken. */
export async function exactMaxCover(p: SitingProblem, n: number): Promise<{ covered: number; sites: number[]; seconds: number }> {
  const highs = await (loaded ??= highsLoader());
  const lp = maxCoverLp(p, n);
  const t0 = performance.now();
  const sol = highs.solve(lp, { mip_rel_gap: 0, output_flag: false });
  const seconds = (performance.now() - t0) / 1000;
  if (sol.Status !== 'Optimal') throw new Error(`HiGHS: ${sol.Status}`);
  let before = 0;
  for (let d = 0; d < p.sets.demandCount; d++) if (p.covered0?.[d]) before += p.weight[d];
  const sites = Object.entries(sol.Columns)
    .filter(([k, v]) => k.startsWith('x') && v.Primal > 0.5)
    .map(([k]) => Number(k.slice(1)));
  return { covered: before + sol.ObjectiveValue, sites, seconds };
}
