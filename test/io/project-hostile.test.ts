// Issue 13: every field of a project file is checked (the file that blanked the app, 1e308
// minutes, string or impossible coordinates, communities far from the data, bad counts); a bad
// file is refused whole with a ProjectFileError naming the field, so nothing is replaced.
import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { emptyProject, withLayer } from '../../src/analysis/project';
import { ProjectFileError, projectFromJson, projectToJson } from '../../src/analysis/projectFile';
import { defaultSettings } from '../../src/analysis/settings';

const square = (x: number, y: number, d: number, properties: object): Feature => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  },
});

function sample() {
  const hh: Feature = { type: 'Feature', properties: { 户数: 3, 老人: 1 }, geometry: { type: 'Point', coordinates: [103.38, 23.37] } };
  let p = withLayer(emptyProject(), {
    role: 'households',
    file: 'hh.csv',
    crs: { kind: 'wgs84' },
    mapping: { role: 'households', households: '户数', elderly: '老人' },
    features: [hh],
  });
  p = withLayer(p, {
    role: 'communities',
    file: 'c.geojson',
    crs: { kind: 'wgs84' },
    mapping: { role: 'communities', code: 'code', name: 'name' },
    features: [square(103.3, 23.3, 0.1, { code: 'A', name: '甲' })],
  });
  return { ...p, settings: defaultSettings() };
}

/** The detail of the ProjectFileError a mutated sample raises, or 'accepted'. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed file broken on purpose, field by field
function refusal(mutate: (o: any) => void): string {
  const o = JSON.parse(projectToJson(sample()));
  mutate(o);
  try {
    projectFromJson(JSON.stringify(o));
  } catch (e) {
    if (e instanceof ProjectFileError) return e.detail;
    throw e;
  }
  return 'accepted';
}

describe('project file validation', () => {
  it('accepts the sample, and keeps only known fields of the settings', () => {
    expect(refusal(() => {})).toBe('accepted');
    const o = JSON.parse(projectToJson(sample()));
    o.settings.specs[0].colour = 'red';
    o.settings.specs.pop(); // a file from before a type was added: the default fills in
    const p = projectFromJson(JSON.stringify(o));
    expect(p.settings).toEqual(defaultSettings());
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed file broken on purpose, field by field
  it.each<[string, (o: any) => void, string]>([
    [
      'an unknown settings.type (the white screen)',
      (o) => {
        o.settings.type = 'bogus';
      },
      'settings.type: "bogus"',
    ],
    [
      '1e308 minutes',
      (o) => {
        o.settings.specs[4].minutes = 1e308;
      },
      'settings.specs[4].minutes: 1e+308',
    ],
    [
      'minutes as text',
      (o) => {
        o.settings.specs[0].minutes = '15';
      },
      'settings.specs[0].minutes: 15',
    ],
    [
      'a zero speed',
      (o) => {
        o.settings.specs[0].speedKmh = 0;
      },
      'settings.specs[0].speedKmh: 0',
    ],
    [
      'a target over 1',
      (o) => {
        o.settings.specs[0].targetShare = 90;
      },
      'settings.specs[0].targetShare: 90',
    ],
    [
      'a detour of 1e300',
      (o) => {
        o.settings.detour = 1e300;
      },
      'settings.detour: 1e+300',
    ],
    [
      'an unknown mode',
      (o) => {
        o.settings.specs[1].mode = 'fly';
      },
      'settings.specs[1].mode',
    ],
    [
      'an unknown demand',
      (o) => {
        o.settings.specs[1].demand = 'cats';
      },
      'settings.specs[1].demand',
    ],
    [
      'a type twice',
      (o) => {
        o.settings.specs[1].code = o.settings.specs[0].code;
      },
      'settings.specs[1].code',
    ],
    [
      'string coordinates',
      (o) => {
        o.layers.households.features[0].geometry.coordinates = ['103.38', '23.37'];
      },
      'layers.households.features[0]',
    ],
    [
      'impossible coordinates',
      (o) => {
        o.layers.households.features[0].geometry.coordinates = [103.38, 95];
      },
      'layers.households.features[0]: 103.38, 95',
    ],
    [
      'communities far from the data',
      (o) => {
        o.layers.communities.features[0].geometry.coordinates[0][2] = [13.4, 52.5];
      },
      'layers.communities.features[0]: 13.4, 52.5',
    ],
    [
      'communities in Yunnan but away from the households',
      (o) => {
        o.layers.communities.features[0].geometry.coordinates = [
          [
            [100.2, 26.8],
            [100.3, 26.8],
            [100.3, 26.9],
            [100.2, 26.8],
          ],
        ];
      },
      'layers: no household lies inside a community',
    ],
    [
      'a point where areas belong',
      (o) => {
        o.layers.communities.features[0].geometry = { type: 'Point', coordinates: [103.3, 23.3] };
      },
      'layers.communities.features[0]',
    ],
    [
      'a negative count',
      (o) => {
        o.layers.households.features[0].properties.老人 = -5;
      },
      'layers.households: not_number feature 1 "老人" (-5)',
    ],
    [
      'a count of 1e39',
      (o) => {
        o.layers.households.features[0].properties.户数 = 1e39;
      },
      'layers.households: not_number feature 1 "户数" (1e+39)',
    ],
    [
      'a community without a code',
      (o) => {
        o.layers.communities.features[0].properties.code = '';
      },
      'layers.communities: no_code feature 1 "code"',
    ],
    [
      'an object as a property',
      (o) => {
        o.layers.households.features[0].properties.x = { a: 1 };
      },
      'layers.households.features[0].properties.x',
    ],
    [
      'no features',
      (o) => {
        o.layers.households.features = [];
      },
      'layers.households.features',
    ],
    [
      'an edit far away',
      (o) => {
        o.edits = { type: 'fitness', edits: [{ op: 'add', lon: 0, lat: 0 }] };
      },
      'edits.edits[0]',
    ],
    [
      'an edit with a negative id',
      (o) => {
        o.edits = { type: 'fitness', edits: [{ op: 'delete', id: -1 }] };
      },
      'edits.edits[0]',
    ],
  ])('refuses %s', (_, mutate, detail) => {
    expect(refusal(mutate)).toBe(detail);
  });
});
