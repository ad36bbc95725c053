// The facility-type editor (src/ui/catalogue/): types added and edited through the CLI's catalogue
// check, its failures in zh and en naming the field, the project file keeping them, the settings
// following them.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { CatalogueError } from '../../src/core/catalogue-file.ts';
import { activeCatalogue, PLAN_CATALOGUE } from '../../src/analysis/projectCatalogue.ts';
import { draftOf, NEW_TYPE, removeType, saveType, typeInUse } from '../../src/ui/catalogue/catalogueEditor.ts';
import { catalogueErrorText } from '../../src/ui/catalogue/catalogueText.ts';
import { emptyProject } from '../../src/analysis/project.ts';
import { ProjectFileError, projectFromJson, projectToJson } from '../../src/analysis/projectFile.ts';
import { defaultSettings, settingsFor, withSpec } from '../../src/analysis/settings.ts';

const KG = {
  ...NEW_TYPE,
  code: 'kindergarten',
  zh: '幼儿园',
  en: 'Kindergarten',
  icon: '幼',
  color: '#e7ba52',
  minutes: '10',
  demand: 'population',
};

function refused(draft: typeof KG, editing: string | null = null): CatalogueError {
  try {
    saveType(PLAN_CATALOGUE, draft, editing, 'test');
  } catch (e) {
    if (e instanceof CatalogueError) return e;
    throw e;
  }
  throw new Error('saved');
}

describe('catalogue editor', () => {
  it("adds a type after the plan's, with the values typed (target share in per cent)", () => {
    const c = saveType(PLAN_CATALOGUE, KG, null, 'test');
    expect(c.types).toEqual([
      {
        code: 'kindergarten',
        zh: '幼儿园',
        en: 'Kindergarten',
        mode: 'network',
        profile: 'walk',
        speed_kmh: 4.5,
        minutes: 10,
        target_share: 0.8,
        demand: 'population',
        source: 'test',
        color: '#e7ba52',
        icon: '幼',
      },
    ]);
    const types = activeCatalogue(c);
    expect(types.map((t) => t.code)).toEqual([...BUILT_IN_TYPES.map((t) => t.code), 'kindergarten']);
  });

  it('refuses a duplicate code or an impossible value, naming the field in zh and en', () => {
    const dup = refused({ ...KG, code: 'fitness' });
    expect([dup.field, dup.problem.kind]).toEqual(['code', 'duplicate']);
    expect(catalogueErrorText(dup, 'zh')).toBe('类型不能保存：“代码”与已有类型重复');
    expect(catalogueErrorText(dup, 'en')).toBe('The type cannot be saved: "Code" is already used by another type');
    const minutes = refused({ ...KG, minutes: '-5' });
    expect(catalogueErrorText(minutes, 'zh')).toBe('类型不能保存：“时间（分钟）”须为大于 0、不超过 600 的数值');
    expect(catalogueErrorText(refused({ ...KG, target_share: '150' }), 'zh')).toBe(
      '类型不能保存：“目标覆盖率（%）”须为 0 到 100 之间的数值',
    );
    expect(catalogueErrorText(refused({ ...KG, speed_kmh: 'fast' }), 'en')).toBe(
      'The type cannot be saved: "Speed (km/h)" must be a number above 0 and at most 200',
    );
    expect(catalogueErrorText(refused({ ...KG, zh: ' ' }), 'zh')).toBe('类型不能保存：“中文名称”未填写');
    expect(catalogueErrorText(refused({ ...KG, code: 'Kinder Garten' }), 'zh')).toContain('“代码”须由小写字母');
    expect(catalogueErrorText(refused({ ...KG, icon: '幼儿' }), 'zh')).toBe('类型不能保存：“图标字”须为一个字');
  });

  it("edits a plan type as an own override (its colour kept), and removing the override brings the plan's back", () => {
    const fitness = BUILT_IN_TYPES.find((t) => t.code === 'fitness')!;
    const c = saveType(PLAN_CATALOGUE, { ...draftOf(fitness), minutes: '10', code: 'ignored' }, 'fitness', 'test');
    const edited = activeCatalogue(c).find((t) => t.code === 'fitness')!;
    expect(edited).toMatchObject({ minutes: 10, color: fitness.color, icon: '健', zh: fitness.zh });
    expect(activeCatalogue(c)).toHaveLength(BUILT_IN_TYPES.length);
    expect(activeCatalogue(removeType(c, 'fitness')).find((t) => t.code === 'fitness')!.minutes).toBe(15);
  });

  it('will not remove an own type that imported facilities or a scenario use (the project would name a type it lacks)', () => {
    const c = saveType(PLAN_CATALOGUE, KG, null, 'test');
    const p = { ...emptyProject(), catalogue: c };
    expect(typeInUse(p, 'kindergarten')).toBe(false);
    const scenario = { key: 's1', name: 'A', actions: [{ action: 'add' as const, type: 'kindergarten', lon: 103.4, lat: 23.4 }] };
    expect(typeInUse({ ...p, scenarios: { active: 's1', list: [scenario] } }, 'kindergarten')).toBe(true);
    // An own override of a plan type can always go: the plan's type comes back.
    const over = saveType(c, { ...draftOf(BUILT_IN_TYPES[4]), minutes: '9' }, 'fitness', 't');
    expect(
      typeInUse(
        {
          ...p,
          catalogue: over,
          scenarios: { active: 's1', list: [{ ...scenario, actions: [{ ...scenario.actions[0], type: 'fitness' }] }] },
        },
        'fitness',
      ),
    ).toBe(false);
  });

  it('keeps the types in the project file, and refuses a file whose types fail the check', () => {
    const p = { ...emptyProject(), catalogue: { ...saveType(PLAN_CATALOGUE, KG, null, 'test'), preset: 'gb50180' } };
    expect(projectFromJson(projectToJson(p)).catalogue).toEqual(p.catalogue);
    const bad = JSON.parse(projectToJson(p));
    bad.catalogue.types[0].minutes = 0;
    expect(() => projectFromJson(JSON.stringify(bad))).toThrow(ProjectFileError);
    expect(() => projectFromJson(JSON.stringify(bad))).toThrow('catalogue.types[0]: "minutes" must be a number > 0');
    bad.catalogue = { preset: 'nowhere', types: [] };
    expect(() => projectFromJson(JSON.stringify(bad))).toThrow('catalogue.preset: nowhere');
  });

  it('settings follow the catalogue: a new type gets its defaults, an edited one its new values, others stay', () => {
    const before = BUILT_IN_TYPES;
    const s = withSpec(defaultSettings(), 'elderly_canteen', { minutes: 7 });
    const after = activeCatalogue(
      saveType(saveType(PLAN_CATALOGUE, KG, null, 't'), { ...draftOf(before[4]), minutes: '9' }, 'fitness', 't'),
    );
    const next = settingsFor(s, after, before);
    expect(next.specs.map((x) => x.code)).toEqual(after.map((t) => t.code));
    expect(next.specs.find((x) => x.code === 'elderly_canteen')!.minutes).toBe(7);
    expect(next.specs.find((x) => x.code === 'fitness')!.minutes).toBe(9);
    expect(next.specs.find((x) => x.code === 'kindergarten')).toMatchObject({ minutes: 10, demand: 'population' });
    expect(settingsFor(next, after, after)).toBe(next);
    // A preset without the shown type shows its first.
    expect(settingsFor(s, activeCatalogue({ preset: 'gb50180', types: [] }), before).type).toBe('middle_school');
  });
});
