// The road-class table edited in the settings: one check (parseRoadClassTable) for the settings
// dialog, the project file and the CLI's --road-profile; its refusals in zh and en; the table in
// the analysis command (so a change re-runs) and kept with the project.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROAD_CLASSES,
  parseRoadClassTable,
  RoadClassError,
  sameRoadClasses,
  type RoadClassTable,
} from '../../src/core/travel/road-class';
import { defaultSettings, toCommand, withRoadClasses } from '../../src/analysis/settings';
import { emptyProject } from '../../src/analysis/project';
import { ProjectFileError, projectFromJson, projectToJson } from '../../src/analysis/projectFile';
import { roadClassErrorText } from '../../src/ui/roadClassText';
import { importErrorText } from '../../src/ui/import/messages';
import { Engine } from '../../src/core/analysis/run';
import { defaultCommand } from '../../src/core/analysis/command';
import { fitnessLayers, lines, pts } from '../core/local';

const walkableMotorway = (): RoadClassTable => ({ ...DEFAULT_ROAD_CLASSES, motorway: { ...DEFAULT_ROAD_CLASSES.motorway, walk: true } });

const refusal = (json: unknown): RoadClassError => {
  try {
    parseRoadClassTable(json);
  } catch (e) {
    return e as RoadClassError;
  }
  throw new Error('accepted');
};

describe('the road-class table check', () => {
  it('accepts the default table unchanged', () => {
    expect(parseRoadClassTable(JSON.parse(JSON.stringify(DEFAULT_ROAD_CLASSES)))).toEqual(DEFAULT_ROAD_CLASSES);
    expect(sameRoadClasses(parseRoadClassTable(DEFAULT_ROAD_CLASSES), DEFAULT_ROAD_CLASSES)).toBe(true);
    expect(sameRoadClasses(walkableMotorway(), DEFAULT_ROAD_CLASSES)).toBe(false);
  });

  it('names the impossible value, in English for the CLI and in zh/en for the app', () => {
    const cases: [unknown, string, string, string][] = [
      [[], 'road-class table: expected an object', '道路等级表应为对象', 'a road-class table is an object'],
      [{ '  ': { walk: true } }, 'a class name must have 1 to 64 characters', '道路等级名称须为 1–64 个字符', 'must have 1 to 64'],
      [{ 村道: 5 }, '"村道": expected an object', '道路等级“村道”：应为', 'road class "村道": expected an object'],
      [
        { 村道: { walk: 'yes' } },
        '"村道": walk must be true or false',
        '道路等级“村道”：walk（可步行）须为 true 或 false，实为 "yes"',
        'got "yes"',
      ],
      [
        { 台阶: { walk: true, walkFactor: 0 } },
        '"台阶": walkFactor must be a number from 0.05 to 2, got 0',
        '道路等级“台阶”：walkFactor（步行速度系数）须在 0.05 到 2 之间，实为 0',
        'road class "台阶": walkFactor must be a number from 0.05 to 2, got 0',
      ],
      [
        { motorway: { walk: false, vehicleKmh: 500 } },
        '"motorway": vehicleKmh must be a number from 0 to 200, got 500',
        '道路等级“motorway”：vehicleKmh（车速）须在 0 到 200 km/h 之间，实为 500',
        'vehicleKmh must be a number from 0 to 200 km/h, got 500',
      ],
      [{ x: { walk: true, vehicleKmh: '30' } }, '"x": vehicleKmh must be a number from 0 to 200, got "30"', '实为 "30"', 'got "30"'],
    ];
    for (const [json, cli, zh, en] of cases) {
      const e = refusal(json);
      expect(e).toBeInstanceOf(RoadClassError);
      expect(e.message).toContain(cli);
      expect(roadClassErrorText('zh', e)).toContain(zh);
      expect(roadClassErrorText('en', e)).toContain(en);
    }
  });
});

describe('the table in the settings', () => {
  it('goes into the analysis command; the default table is kept as absent', () => {
    const s = withRoadClasses(defaultSettings(), walkableMotorway());
    expect(toCommand(s).roadClasses?.motorway.walk).toBe(true);
    const back = withRoadClasses(s, { ...DEFAULT_ROAD_CLASSES });
    expect(back.roadClasses).toBeUndefined();
    expect('roadClasses' in toCommand(back)).toBe(false);
  });

  it('is saved with the project and read back through the same check', () => {
    const p = { ...emptyProject(), settings: withRoadClasses(defaultSettings(), walkableMotorway()) };
    const read = projectFromJson(projectToJson(p));
    expect(read.settings?.roadClasses?.motorway).toEqual({ walk: true, walkFactor: 1, vehicleKmh: 80 });
    // Older project files carry no table: the default one.
    const old = projectFromJson(projectToJson({ ...emptyProject(), settings: defaultSettings() }));
    expect(old.settings?.roadClasses).toBeUndefined();
  });

  it('a project file with an impossible value is refused, saying which in the UI language', () => {
    const json = JSON.parse(projectToJson({ ...emptyProject(), settings: defaultSettings() }));
    json.settings.roadClasses = { steps: { walk: true, walkFactor: 7 } };
    let err: unknown;
    try {
      projectFromJson(JSON.stringify(json));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProjectFileError);
    expect(importErrorText(err, 'zh')).toBe(
      '项目文件无法读取（settings.roadClasses: 道路等级“steps”：walkFactor（步行速度系数）须在 0.05 到 2 之间，实为 7）',
    );
    expect(importErrorText(err, 'en')).toContain('walkFactor must be a number from 0.05 to 2, got 7');
  });

  it('changes coverage: a walkable motorway shortens the walk', async () => {
    // Home and site 1,000 m apart on a motorway; a 2,200 m residential road round.
    const net = lines([
      [
        [0, 0],
        [1000, 0],
      ],
      [
        [0, 0],
        [0, 600],
        [1000, 600],
        [1000, 0],
      ],
    ]);
    net.classNames = ['', 'motorway', 'residential'];
    net.lineClass = Uint16Array.of(1, 2);
    const engine = new Engine(fitnessLayers(pts([0, 0]), pts([1000, 0]), net));
    const cmd = defaultCommand(['fitness']);
    cmd.types[0].mode = 'network';
    const before = await engine.run(cmd);
    expect(before.types[0].household.minutes[0]).toBeCloseTo(2200 / 75, 2);
    // The same engine (the worker's) re-costs its network for the edited table.
    const after = await engine.run(toCommand({ ...withRoadClasses(defaultSettings(), walkableMotorway()), specs: cmd.types }));
    expect(after.types[0].household.minutes[0]).toBeCloseTo(1000 / 75, 2);
  });
});
