// The shareable view in the URL query: language, view, selected type and community, the county
// and township in focus, and every setting that differs from the catalogue default
// (`<code>=mode,speed,minutes,target[,profile]`).
import { profileOf, type TravelMode } from '../core/catalogue';
import { TRAVEL_PROFILES, type TravelProfile } from '../core/travel/road-class';
import { defaultSettings, isType, withSpec, type Settings } from '../analysis/settings';
import type { Lang } from './i18n';
import { inRange, parseNumber } from '../core/limits';
import { parseMultiGap, type MultiGapView } from './multiGapView';

export interface UrlState {
  lang: Lang;
  settings: Settings;
  view?: { lon: number; lat: number; zoom: number };
  selected: string | null;
  /** The multi-service gap view (`gaps=a,b,c`), when it is shown. */
  multiGap?: MultiGapView;
  /** The county and township in focus (codes; absent: the whole prefecture). */
  county?: string;
  township?: string;
  /** Query parameters that were present but refused (out of range, malformed): the defaults
   *  stand in for them, and the app says so. */
  refused?: string[];
}

const MODES: TravelMode[] = ['straight', 'network', 'slope'];

/** Parses `search` (location.search); a malformed or out-of-range part (checked at the one
 *  numeric boundary, core/limits.ts) falls back to the default and is listed in `refused`. */
export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const refused: string[] = [];
  let settings = defaultSettings();
  const type = q.get('type');
  if (type !== null) {
    if (isType(type)) settings = { ...settings, type };
    else refused.push('type');
  }
  if (q.has('detour')) {
    const detour = inRange('detour', parseNumber(q.get('detour')));
    if (detour !== null) settings = { ...settings, detour };
    else refused.push('detour');
  }
  for (const spec of defaultSettings().specs) {
    if (!q.has(spec.code)) continue;
    const v = q.get(spec.code)!.split(',');
    const [mode, speedKmh, minutes, targetShare] = [
      v[0] as TravelMode,
      inRange('speedKmh', parseNumber(v[1])),
      inRange('minutes', parseNumber(v[2])),
      inRange('targetShare', parseNumber(v[3])),
    ];
    // A fifth part is the travel profile (absent: the type's default).
    const profile = v[4] as TravelProfile | undefined;
    const profileOk = v.length === 4 || (v.length === 5 && TRAVEL_PROFILES.includes(profile!));
    if (profileOk && MODES.includes(mode) && speedKmh !== null && minutes !== null && targetShare !== null) {
      settings = withSpec(settings, spec.code, { mode, speedKmh, minutes, targetShare, ...(profile ? { profile } : {}) });
    } else refused.push(spec.code);
  }
  const [lon, lat, zoom] = (['lon', 'lat', 'zoom'] as const).map((k) => inRange(k, parseNumber(q.get(k === 'zoom' ? 'z' : k))));
  const anyView = ['lon', 'lat', 'z'].some((k) => q.has(k));
  if (anyView && (lon === null || lat === null || zoom === null)) refused.push('view');
  const sel = q.get('sel');
  const multiGap = parseMultiGap(q.get('gaps'));
  if (
    q.has('gaps') &&
    (!multiGap ||
      multiGap.codes.length !==
        new Set(
          q
            .get('gaps')!
            .split(',')
            .map((c) => c.trim()),
        ).size)
  )
    refused.push('gaps');
  // Area codes: kept short (looked up, never shown as HTML); a township needs its county.
  const code = (k: string) => {
    const v = q.get(k);
    return v !== null && v.length > 0 && v.length <= 64 ? v : undefined;
  };
  const county = code('county'),
    township = county ? code('town') : undefined;
  return {
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    settings,
    ...(lon !== null && lat !== null && zoom !== null ? { view: { lon, lat, zoom } } : {}),
    // A community code: kept short (it is looked up, never shown as HTML).
    selected: sel !== null && sel.length <= 64 ? sel : null,
    ...(multiGap ? { multiGap } : {}),
    ...(county ? { county } : {}),
    ...(township ? { township } : {}),
    ...(refused.length ? { refused } : {}),
  };
}

/** The query string (with leading '?') for `s`. */
export function formatUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.lang !== 'zh') q.set('lang', s.lang);
  // A link names the plan's types only (a project's own types are in the project, not the link).
  if (isType(s.settings.type)) q.set('type', s.settings.type);
  const defaults = defaultSettings();
  if (s.settings.detour !== defaults.detour) q.set('detour', String(s.settings.detour));
  s.settings.specs.forEach((t) => {
    const d = defaults.specs.find((x) => x.code === t.code);
    if (!d) return;
    const profile = profileOf(t) !== profileOf(d) ? [profileOf(t)] : [];
    if (t.mode !== d.mode || t.speedKmh !== d.speedKmh || t.minutes !== d.minutes || t.targetShare !== d.targetShare || profile.length) {
      q.set(t.code, [t.mode, t.speedKmh, t.minutes, t.targetShare, ...profile].join(','));
    }
  });
  if (s.view) {
    q.set('lon', s.view.lon.toFixed(5));
    q.set('lat', s.view.lat.toFixed(5));
    q.set('z', s.view.zoom.toFixed(2));
  }
  if (s.selected) q.set('sel', s.selected);
  const gaps = s.multiGap?.codes.filter((c) => isType(c));
  if (s.multiGap?.on && gaps?.length) q.set('gaps', gaps.join(','));
  if (s.county) q.set('county', s.county);
  if (s.county && s.township) q.set('town', s.township);
  return `?${q.toString()}`;
}
