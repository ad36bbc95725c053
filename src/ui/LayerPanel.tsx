import type { LayerGroup } from '../map/layers';
import { t, type Lang, type StringKey } from './i18n';

const ROWS: { group: LayerGroup; key: StringKey }[] = [
  { group: 'serviceCircle', key: 'layerServiceCircle' },
  { group: 'fitnessCircle', key: 'layerFitnessCircle' },
  { group: 'timeSurface', key: 'layerTimeSurface' },
  { group: 'roads', key: 'layerRoads' },
  { group: 'barriers', key: 'layerBarriers' },
  { group: 'facilities', key: 'layerFacilities' },
  { group: 'households', key: 'layerHouseholds' },
  { group: 'coverage', key: 'layerCoverage' },
  { group: 'communities', key: 'layerCommunities' },
  { group: 'townships', key: 'layerTownships' },
  { group: 'counties', key: 'layerCounties' },
  { group: 'hillshade', key: 'layerHillshade' },
];

interface Props {
  lang: Lang;
  visible: Record<LayerGroup, boolean>;
  onToggle: (group: LayerGroup, on: boolean) => void;
}

/** Checkboxes switching map layer groups. */
export function LayerPanel({ lang, visible, onToggle }: Props) {
  return (
    <section className="panel-section">
      <h2>{t(lang, 'layersTitle')}</h2>
      <ul className="layer-list">
        {ROWS.map(({ group, key }) => (
          <li key={group}>
            <label>
              <input type="checkbox" data-group={group} checked={visible[group]} onChange={(e) => onToggle(group, e.target.checked)} />
              {t(lang, key)}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
