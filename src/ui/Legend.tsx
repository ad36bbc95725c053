import { useState } from 'react';
import { FACILITY_TYPES } from '../core/catalogue';
import { ICON_CHAR } from '../map/icons';
import { COMMUNITY_LINE, COUNTY_LINE, HOUSEHOLD_COLOR, TOWNSHIP_LINE } from '../map/style';
import { FITNESS_CIRCLE_COLOR, GAP_LINE, SERVICE_CIRCLE_COLOR } from '../map/layers';
import { t, type Lang } from './i18n';

/** Map legend: facility types by colour, households, boundary levels. */
export function Legend({ lang }: { lang: Lang }) {
  const [open, setOpen] = useState(true);
  return (
    <div className="legend" data-testid="legend">
      <h3><button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{t(lang, 'legendTitle')} {open ? '▾' : '▸'}</button></h3>
      {open && <ul>
        {FACILITY_TYPES.map((ft) => (
          <li key={ft.code}><span className="icon-dot" style={{ background: ft.color }}>{ICON_CHAR[ft.code]}</span>{lang === 'zh' ? ft.zh : ft.en}</li>
        ))}
        <li><span className="dot hh" style={{ background: HOUSEHOLD_COLOR }} />{t(lang, 'legendHouseholds')}</li>
        <li><span className="ramp" />{t(lang, 'legendCoverage')}</li>
        <li><span className="line dashed" style={{ borderColor: GAP_LINE }} />{t(lang, 'legendGap')}</li>
        <li><span className="box" style={{ borderColor: SERVICE_CIRCLE_COLOR, background: `${SERVICE_CIRCLE_COLOR}33` }} />{t(lang, 'layerServiceCircle')}</li>
        <li><span className="box dashed" style={{ borderColor: FITNESS_CIRCLE_COLOR, background: `${FITNESS_CIRCLE_COLOR}33` }} />{t(lang, 'layerFitnessCircle')}</li>
        <li><span className="line" style={{ borderColor: COUNTY_LINE, borderTopWidth: 3 }} />{t(lang, 'legendCounty')}</li>
        <li><span className="line" style={{ borderColor: TOWNSHIP_LINE }} />{t(lang, 'legendTownship')}</li>
        <li><span className="line" style={{ borderColor: COMMUNITY_LINE }} />{t(lang, 'legendCommunity')}</li>
      </ul>}
    </div>
  );
}
