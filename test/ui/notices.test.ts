// The app's failure notices (src/ui/notices.ts): what failed and where, in zh and en.
import { describe, expect, it } from 'vitest';
import { notices, type NoticeInputs } from '../../src/ui/notices.ts';
import { MappingError } from '../../src/analysis/project.ts';
import { BUILT_IN_TYPES } from '../../src/core/catalogue.ts';
import { mergeCatalogue } from '../../src/core/catalogue-file.ts';
import { projectFromJson } from '../../src/analysis/projectFile.ts';

const none: NoticeInputs = {
  demoError: null,
  projectApplyError: null,
  projectReadError: null,
  saveError: null,
  loadError: null,
  mapError: null,
  pointsError: null,
  elevationError: null,
  circles: {},
  surfaceError: null,
  urlRefused: null,
  catalogue: BUILT_IN_TYPES,
  skippedFacilities: null,
};

describe('notices', () => {
  it('lists the road classes the table lacks with their edge counts, travelled by the default', () => {
    const x = { ...none, unknownRoadClasses: { 田埂: 1, 'track;grade6': 1234 } };
    expect(notices('zh', x)).toEqual([
      {
        id: 'road-classes-unknown',
        kind: 'notice',
        text: '道路网中有道路等级表中没有的等级，按默认（可步行，车速 30 km/h）通行，可在“设置”中修改：“田埂”（1 段）、“track;grade6”（1,234 段）',
      },
    ]);
    expect(notices('en', x)[0].text).toBe(
      'The road network has classes the road-class table lacks, travelled by the default (walkable, 30 km/h); edit them in Settings: "田埂" (edges: 1), "track;grade6" (edges: 1,234)',
    );
    expect(notices('zh', { ...x, unknownRoadClasses: {} })).toEqual([]);
  });

  it("names a custom type by the catalogue's name, and says which facilities were left out for want of a type", () => {
    const catalogue = mergeCatalogue([
      {
        code: 'kindergarten',
        zh: '幼儿园',
        en: 'Kindergarten',
        mode: 'straight',
        profile: 'walk',
        speedKmh: 4,
        minutes: 10,
        targetShare: 0.8,
        demand: 'infants',
        source: '',
      },
    ]);
    const x = {
      ...none,
      catalogue,
      surfaceError: { code: 'kindergarten', message: 'no network' },
      skippedFacilities: new Map([
        ['小学', 3],
        ['fire_station', 2],
      ]),
    };
    expect(notices('zh', x)).toEqual([
      { id: 'surface-error', kind: 'error', text: '幼儿园的出行时间面未能计算，地图上不显示（no network）' },
      {
        id: 'facilities-skipped',
        kind: 'notice',
        text: '以下类型不在设施类型目录中，这些设施未计入（可在“设施类型”中添加该类型）：小学 (3)、微型消防站 (2)',
      },
    ]);
    expect(notices('en', x)[0].text).toBe('The travel-time surface of Kindergarten could not be computed and is not shown (no network)');
  });

  it('says nothing when nothing failed', () => {
    expect(notices('zh', none)).toEqual([]);
  });

  it('names the service type and the reason of a failed circle or surface, in each language', () => {
    const x = {
      ...none,
      circles: { 'catchment-fitness': { code: 'fitness', message: 'worker crashed' } },
      surfaceError: { code: 'elderly_canteen', message: 'no network' },
    };
    expect(notices('zh', x)).toEqual([
      { id: 'catchment-fitness-error', kind: 'error', text: '全民健身场地设施的服务圈未能计算，地图上不显示（worker crashed）' },
      { id: 'surface-error', kind: 'error', text: '老年幸福食堂的出行时间面未能计算，地图上不显示（no network）' },
    ]);
    expect(notices('en', x).map((n) => n.text)).toEqual([
      'The service circle of Fitness site could not be computed and is not shown (worker crashed)',
      'The travel-time surface of Elderly canteen could not be computed and is not shown (no network)',
    ]);
  });

  it('names the file of a failed elevation load, and explains a project that did not apply', () => {
    const x = { ...none, elevationError: 'demo/dem.tif: HTTP 404', projectApplyError: new MappingError('no_overlap') };
    expect(notices('zh', x).map((n) => [n.id, n.text])).toEqual([
      ['project-apply-error', expect.stringMatching(/^已保存的项目无法应用，已改用演示数据: \S/)],
      ['elevation-error', '高程数据未能载入（demo/dem.tif: HTTP 404）：无地形晕渲，坡度模式的步行时间不计地形高差'],
    ]);
    expect(notices('en', x)[1].text).toBe(
      'The elevation data could not be loaded (demo/dem.tif: HTTP 404): no hillshade, and slope-mode walking times leave out the terrain',
    );
  });

  it('keeps the refused link settings as a notice (dismissable), after the errors', () => {
    const list = notices('en', { ...none, saveError: 'quota', urlRefused: ['fitness', 'detour'] });
    expect(list.map((n) => [n.id, n.kind])).toEqual([
      ['save-error', 'error'],
      ['url-refused', 'notice'],
    ]);
    expect(list[1].text).toBe('Some settings in the link were invalid or out of range; the defaults are used instead: fitness, detour');
  });

  it('an unreadable saved project: says it is kept aside and offers its download, in zh and en', () => {
    let e: unknown;
    try {
      projectFromJson('{"format": "not a project"');
    } catch (err) {
      e = err;
    }
    const [zh] = notices('zh', { ...none, projectReadError: e });
    expect(zh.id).toBe('project-read-error');
    expect(zh.kind).toBe('error');
    expect(zh.action).toBe('export-unreadable-project');
    expect(zh.text).toMatch(
      /^已保存的项目无法读取，已改用演示数据: 项目文件无法读取（.+）。原项目已另存，不会被新的保存覆盖，可下载后修复$/,
    );
    const [en] = notices('en', { ...none, projectReadError: e });
    expect(en.text).toMatch(
      /^The saved project could not be read; showing the demo data: .+\. The original is kept aside \(new saves do not replace it\) and can be downloaded to repair$/,
    );
    expect(notices('zh', none).some((n) => n.action)).toBe(false);
  });
});
