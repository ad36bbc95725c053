// Scenarios in the project file: they survive the round trip exactly; a damaged scenario is
// refused naming the bad part, so a bad file replaces nothing; older files' what-if edits are
// read, and the saved project carries scenarios only.
import { describe, expect, it } from 'vitest';
import { emptyProject, type Project } from '../../src/analysis/project';
import { ProjectFileError, projectFromJson, projectToJson } from '../../src/analysis/projectFile';
import { defaultSettings } from '../../src/analysis/settings';
import { withScenarios } from '../../src/ui/project/projectSaver';
import type { Scenarios } from '../../src/core/scenario/scenarios';

const scenarios: Scenarios = {
  active: 's2',
  list: [
    { key: 's1', name: '方案A', actions: [{ action: 'add', type: 'elderly_canteen', lon: 103.28, lat: 23.48, note: '利用闲置用房' }] },
    {
      key: 's2',
      name: '北片迁建',
      actions: [
        { action: 'move', id: '532501001001-elderly_canteen', lon: 103.15, lat: 23.37 },
        { action: 'remove', id: '+1' },
        { action: 'add', type: 'fitness', id: 'n9', name: '新广场', lon: 103.2, lat: 23.4 },
      ],
    },
  ],
};

const refused = (p: object) => {
  try {
    projectFromJson(JSON.stringify({ format: 'service-circle-project', version: 1, layers: {}, mappings: {}, ...p }));
  } catch (e) {
    expect(e).toBeInstanceOf(ProjectFileError);
    return (e as ProjectFileError).detail;
  }
  throw new Error('accepted');
};

describe('scenarios in the project file', () => {
  it('round-trip exactly', () => {
    const p: Project = { ...emptyProject(), scenarios };
    expect(projectFromJson(projectToJson(p)).scenarios).toEqual(scenarios);
  });

  it('refuse a damaged scenario, naming the part', () => {
    const bad = (a: object) => ({ scenarios: { active: null, list: [{ key: 's1', name: 'A', actions: [a] }] } });
    expect(refused(bad({ action: 'rebuild', id: 'x' }))).toBe('scenarios.list[0].actions[0].action');
    expect(refused(bad({ action: 'move', id: 'x', lon: 2, lat: 48 }))).toBe('scenarios.list[0].actions[0].lon/lat');
    expect(refused(bad({ action: 'remove', id: '' }))).toBe('scenarios.list[0].actions[0].id');
    expect(refused(bad({ action: 'add', type: 'school', lon: 103, lat: 23 }))).toBe('scenarios.list[0].actions[0].type');
    expect(
      refused({
        scenarios: {
          active: null,
          list: [
            { key: 'a', name: 'A', actions: [] },
            { key: 'a', name: 'B', actions: [] },
          ],
        },
      }),
    ).toBe('scenarios.list[1].key');
    expect(refused({ scenarios: { active: null, list: [{ key: 'a', name: '  ', actions: [] }] } })).toBe('scenarios.list[0].name');
  });

  it('forget an unknown active key rather than point at nothing', () => {
    const p = projectFromJson(projectToJson({ ...emptyProject(), scenarios: { ...scenarios, active: 'zz' } }));
    expect(p.scenarios!.active).toBeNull();
  });

  it('save scenarios, not the older what-if edits they replaced', () => {
    const old: Project = { ...emptyProject(), edits: { type: 'fitness', edits: [{ op: 'add', lon: 103, lat: 23 }] } };
    expect(projectFromJson(projectToJson(old)).edits).toEqual(old.edits);
    const saved = withScenarios(old, defaultSettings(), scenarios);
    expect(saved.edits).toBeUndefined();
    expect(saved.scenarios).toBe(scenarios);
    expect(withScenarios(old, defaultSettings(), { list: [], active: null }).scenarios).toBeUndefined();
  });
});
