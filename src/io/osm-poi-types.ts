// Which OpenStreetMap tags make a facility of which catalogue type. The table is shown to the
// user for confirmation before POIs become facilities; first matching row wins.

export interface PoiRule {
  key: string;
  /** Tag values that match; '*' for any value. */
  values: string[] | '*';
  type: string;
}

export const OSM_POI_RULES: readonly PoiRule[] = [
  { key: 'amenity', values: ['fire_station'], type: 'fire_station' },
  { key: 'amenity', values: ['kindergarten', 'childcare'], type: 'childcare' },
  { key: 'amenity', values: ['clinic', 'doctors'], type: 'health_station' },
  { key: 'healthcare', values: '*', type: 'health_station' },
  { key: 'social_facility', values: ['soup_kitchen', 'food_bank'], type: 'elderly_canteen' },
  { key: 'social_facility', values: '*', type: 'elderly_daycare' },
  { key: 'amenity', values: ['community_centre', 'social_centre'], type: 'service_center' },
  { key: 'leisure', values: ['fitness_station', 'pitch', 'sports_centre'], type: 'fitness' },
];

/** The catalogue type and the deciding tag of an element's tags, or null. */
export function poiType(tags: Record<string, string>): { type: string; tag: string } | null {
  for (const r of OSM_POI_RULES) {
    const v = tags[r.key];
    if (v === undefined || v === 'no') continue;
    if (r.values === '*' || r.values.includes(v)) return { type: r.type, tag: `${r.key}=${v}` };
  }
  return null;
}
