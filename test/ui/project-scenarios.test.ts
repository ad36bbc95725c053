// The scenarios a project brings (src/ui/scenario/projectScenarios.ts).
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { projectScenarios } from '../../src/ui/scenario/projectScenarios.ts';
import { emptyProject } from '../../src/analysis/project.ts';
import { NO_SCENARIOS, createScenario } from '../../src/core/scenario/scenarios.ts';

const facilities: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { type: 'fitness', id: 'a' }, geometry: { type: 'Point', coordinates: [103, 23] } },
    { type: 'Feature', properties: { type: 'fire_station', id: 'b' }, geometry: { type: 'Point', coordinates: [103, 23] } },
    { type: 'Feature', properties: { type: 'fitness', id: 'c' }, geometry: { type: 'Point', coordinates: [103, 23] } },
  ],
};

describe('project scenarios', () => {
  it('takes the project’s own scenarios, or none', () => {
    const own = createScenario(NO_SCENARIOS, 'A');
    expect(projectScenarios({ ...emptyProject(), scenarios: own }, facilities, '方案')).toEqual({ scenarios: own });
    expect(projectScenarios(emptyProject(), null, '方案')).toEqual({ scenarios: NO_SCENARIOS });
  });

  it('turns an older file’s edits into one scenario once the facilities are known, by their ids', () => {
    const p = { ...emptyProject(), edits: { type: 'fitness', edits: [{ op: 'delete' as const, id: 1 }] } };
    expect(projectScenarios(p, null, '方案')).toEqual({ scenarios: NO_SCENARIOS });
    const r = projectScenarios(p, facilities, '方案');
    expect(r.rewrite?.edits).toBeUndefined();
    const s = r.rewrite!.scenarios!;
    expect(s.list.map((x) => [x.key, x.name])).toEqual([['s1', '方案']]);
    expect(s.list[0].actions).toEqual([{ action: 'remove', id: 'c' }]);
  });
});
