// The shareable view in the URL query: language, view, selected type and community, and every
// setting that differs from the catalogue default (`<code>=mode,speed,minutes,target`).
import type { TravelMode } from '../core/catalogue';
import { defaultSettings, isType, withSpec, type Settings } from '../analysis/settings';
import type { Lang } from './i18n';

export interface UrlState {
  lang: Lang;
  settings: Settings;
  view?: { lon: number; lat: number; zoom: number };
  selected: string | null;
}

const MODES: TravelMode[] = ['straight', 'network', 'slope'];

/** Parses `search` (location.search); unknown or malformed parts fall back to defaults. */
export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  let settings = defaultSettings();
  const type = q.get('type');
  if (type && isType(type)) settings = { ...settings, type };
  const detour = Number(q.get('detour'));
  if (detour >= 1) settings = { ...settings, detour };
  for (const spec of defaultSettings().specs) {
    const v = q.get(spec.code)?.split(',');
    if (!v || v.length !== 4) continue;
    const [mode, speed, minutes, target] = [v[0] as TravelMode, Number(v[1]), Number(v[2]), Number(v[3])];
    if (MODES.includes(mode) && speed > 0 && minutes >= 0 && target >= 0 && target <= 1) {
      settings = withSpec(settings, spec.code, { mode, speedKmh: speed, minutes, targetShare: target });
    }
  }
  const [lon, lat, zoom] = ['lon', 'lat', 'z'].map((k) => Number(q.get(k) ?? NaN));
  return {
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    settings,
    ...(Number.isFinite(lon) && Number.isFinite(lat) && Number.isFinite(zoom) ? { view: { lon, lat, zoom } } : {}),
    selected: q.get('sel'),
  };
}

/** The query string (with leading '?') for `s`. */
export function formatUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.lang !== 'zh') q.set('lang', s.lang);
  q.set('type', s.settings.type);
  const defaults = defaultSettings();
  if (s.settings.detour !== defaults.detour) q.set('detour', String(s.settings.detour));
  s.settings.specs.forEach((t, i) => {
    const d = defaults.specs[i];
    if (t.mode !== d.mode || t.speedKmh !== d.speedKmh || t.minutes !== d.minutes || t.targetShare !== d.targetShare) {
      q.set(t.code, [t.mode, t.speedKmh, t.minutes, t.targetShare].join(','));
    }
  });
  if (s.view) {
    q.set('lon', s.view.lon.toFixed(5));
    q.set('lat', s.view.lat.toFixed(5));
    q.set('z', s.view.zoom.toFixed(2));
  }
  if (s.selected) q.set('sel', s.selected);
  return `?${q.toString()}`;
}
