import { travelPhrase, type TravelProfile } from '../core/travel/road-class';
import { useCatalogue } from './catalogueContext';
import { useState } from 'react';
import { iconChar } from '../core/catalogue';
import { BARRIER_LINE, COMMUNITY_LINE, COUNTY_LINE, HOUSEHOLD_COLOR, TOWNSHIP_LINE } from '../map/style';
import { COVERAGE_RAMP, FITNESS_CIRCLE_COLOR, GAP_LINE, missingColor, SERVICE_CIRCLE_COLOR } from '../map/layers';
import { SURFACE_OPACITY, SURFACE_RAMP } from '../map/surfaceImage';
import { fmt, t, type Lang } from './i18n';

/** The travel-time ramp (surfaceImage.ts) from 0 to the cap, with the threshold marked in the
 *  words of the type's rule ("15分钟步行", "3分钟车程"); minutes. */
function SurfaceRamp({ lang, threshold, cap, profile = 'walk' }: { lang: Lang; threshold: number; cap: number; profile?: TravelProfile }) {
  const at = (m: number) => `${(100 * Math.min(m, cap)) / cap}%`;
  const { near, threshold: mid, far } = SURFACE_RAMP;
  return (
    <li className="surface-legend" data-testid="surface-legend" style={{ flexDirection: 'column', alignItems: 'stretch', gap: 2 }}>
      <span>{t(lang, 'legendTimeSurface')}</span>
      <span
        style={{
          position: 'relative',
          height: 10,
          opacity: SURFACE_OPACITY,
          background: `linear-gradient(90deg, ${near} 0%, ${near} ${at(threshold / 2)}, ${mid} ${at(threshold)}, ${far} 100%)`,
        }}
      >
        <span style={{ position: 'absolute', left: at(threshold), top: -2, bottom: -2, borderLeft: '2px solid #111' }} />
      </span>
      <span style={{ position: 'relative', height: 14, fontSize: 11 }}>
        <span style={{ position: 'absolute', left: 0 }}>0</span>
        <span style={{ position: 'absolute', left: at(threshold), transform: 'translateX(-50%)', whiteSpace: 'nowrap' }}>
          {travelPhrase(threshold, profile)[lang]} ({t(lang, 'legendThreshold')})
        </span>
        <span style={{ position: 'absolute', right: 0 }}>
          {fmt(lang, cap)} {t(lang, 'minutesShort')}
        </span>
      </span>
    </li>
  );
}

/** Map legend: facility types by colour, households, boundary levels, and the walking-time
 *  surface's ramp while it is shown (`surface`: its threshold and cap, minutes). */
export function Legend({
  lang,
  surface = null,
  multi = null,
  barriers = false,
}: {
  lang: Lang;
  surface?: { threshold: number; cap: number; profile?: TravelProfile } | null;
  /** Multi-service view: the chosen type codes (the fill then counts how many are missing). */
  multi?: string[] | null;
  /** Barrier lines are loaded. */
  barriers?: boolean;
}) {
  const catalogue = useCatalogue();
  const [open, setOpen] = useState(true);
  return (
    <div className="legend" data-testid="legend">
      <h3>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t(lang, 'legendTitle')} {open ? '▾' : '▸'}
        </button>
      </h3>
      {open && (
        <ul>
          {catalogue.map((ft) => (
            <li key={ft.code}>
              <span className="icon-dot" style={{ background: ft.color }}>
                {iconChar(ft)}
              </span>
              {lang === 'zh' ? ft.zh : ft.en}
            </li>
          ))}
          <li>
            <span className="dot hh" style={{ background: HOUSEHOLD_COLOR }} />
            {t(lang, 'legendHouseholds')}
          </li>
          {multi ? (
            <MissingScale lang={lang} n={multi.length} />
          ) : (
            <li className="coverage-scale" data-testid="coverage-scale">
              <span>{t(lang, 'legendCoverageScale')}</span>
              <span
                className="scale-bar"
                style={{ background: `linear-gradient(90deg, ${COVERAGE_RAMP.map((s) => `${s.color} ${s.at * 100}%`).join(', ')})` }}
              />
              <span className="scale-values">
                <span>0%</span>
                <span>50%</span>
                <span>100%</span>
              </span>
            </li>
          )}
          <li>
            <span className="line dashed" style={{ borderColor: GAP_LINE }} />
            {t(lang, 'legendGap')}
          </li>
          <li>
            <span className="box" style={{ borderColor: SERVICE_CIRCLE_COLOR, background: `${SERVICE_CIRCLE_COLOR}33` }} />
            {t(lang, 'layerServiceCircle')}
          </li>
          <li>
            <span className="box dashed" style={{ borderColor: FITNESS_CIRCLE_COLOR, background: `${FITNESS_CIRCLE_COLOR}33` }} />
            {t(lang, 'layerFitnessCircle')}
          </li>
          {barriers && (
            <li data-testid="legend-barriers">
              <span className="line dashed" style={{ borderColor: BARRIER_LINE, borderTopWidth: 3 }} />
              {t(lang, 'layerBarriers')}
            </li>
          )}
          {surface && <SurfaceRamp lang={lang} threshold={surface.threshold} cap={surface.cap} profile={surface.profile} />}
          <li>
            <span className="line" style={{ borderColor: COUNTY_LINE, borderTopWidth: 3 }} />
            {t(lang, 'legendCounty')}
          </li>
          <li>
            <span className="line" style={{ borderColor: TOWNSHIP_LINE }} />
            {t(lang, 'legendTownship')}
          </li>
          <li>
            <span className="line" style={{ borderColor: COMMUNITY_LINE }} />
            {t(lang, 'legendCommunity')}
          </li>
        </ul>
      )}
    </div>
  );
}

/** Swatches 0 … n of the multi-service gap's fill. */
function MissingScale({ lang, n }: { lang: Lang; n: number }) {
  return (
    <li className="missing-legend" data-testid="missing-legend" style={{ flexDirection: 'column', alignItems: 'stretch', gap: 2 }}>
      <span>{t(lang, 'multiGapLegend')}</span>
      <span style={{ display: 'flex', gap: 2 }}>
        {Array.from({ length: n + 1 }, (_, m) => (
          <span
            key={m}
            data-missing={m}
            style={{
              flex: 1,
              textAlign: 'center',
              fontSize: 11,
              background: missingColor(m, n),
              opacity: 0.85,
              color: n > 0 && m / n > 0.5 ? '#fff' : '#222',
              fontWeight: 600,
            }}
          >
            {fmt(lang, m)}
          </span>
        ))}
      </span>
    </li>
  );
}
