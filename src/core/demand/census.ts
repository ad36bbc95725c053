// The census rule that turns residents into households and age groups where a file gives only
// one count (population grids, building footprints): the household size and the shares the demo
// data is generated with (sources and estimates in data/README.md).

/** Persons per household turning census population into households (see data/README.md). */
export const PERSONS_PER_HOUSEHOLD = 3.09;

/** Shares of residents (fractions) by place type. */
export const SHARES = {
  elderly: { urban: 0.125, village: 0.165 }, // 60+; Yunnan 7th census 14.91% overall
  infants: { urban: 0.036, village: 0.042 }, // ages 0–3; estimate from births ≈ 1.0–1.1% a year
  disabled: { urban: 0.058, village: 0.066 }, // 2006 national disability survey 6.34%
} as const;

export type Group = keyof typeof SHARES;
export const GROUPS: Group[] = ['elderly', 'infants', 'disabled'];

/** Expected residents of `group` among `population` residents of an urban or village community. */
export function groupCount(group: Group, population: number, urban: boolean): number {
  return population * SHARES[group][urban ? 'urban' : 'village'];
}
