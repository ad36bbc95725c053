// Import messages in Chinese (default) and English. Parameters are substituted as plain text;
// callers must render the result as text (never innerHTML) because it carries user file values.
import type { GuessReason } from './crs-guess.ts';
import type { ImportError, ImportErrorKey, ImportWarning, Skip, SkipReason, WarningKey } from './import-error.ts';

export type Lang = 'zh' | 'en';

const ERRORS: Record<ImportErrorKey, Record<Lang, string>> = {
  too_large: { zh: '文件过大，超过导入上限（{detail}）', en: 'File too large: over the import limit ({detail})' },
  unknown_format: {
    zh: '无法识别的文件格式{detail}；支持 GeoJSON、FlatGeobuf、压缩的 Shapefile（.zip）、CSV、XLSX、GeoPackage、压缩的 File Geodatabase（.gdb.zip）、DXF、压缩的 MapInfo（TAB/MIF）、KML/KMZ、GML、人口栅格 GeoTIFF',
    en: 'Unrecognised file format{detail}; supported: GeoJSON, FlatGeobuf, zipped Shapefile (.zip), CSV, XLSX, GeoPackage, zipped File Geodatabase (.gdb.zip), DXF, zipped MapInfo (TAB/MIF), KML/KMZ, GML, population GeoTIFF',
  },
  malformed: { zh: '文件已损坏或格式错误：{detail}', en: 'The file is damaged or malformed: {detail}' },
  truncated: { zh: '文件不完整（可能被截断）：{detail}', en: 'The file is incomplete (probably truncated): {detail}' },
  empty: { zh: '图层为空，没有任何要素或数据行', en: 'The layer is empty: no features or data rows' },
  zip_missing_part: { zh: '压缩包中缺少 Shapefile 组成文件：{detail}', en: 'The zip lacks a Shapefile part: {detail}' },
  wrong_geometry: { zh: '几何类型不符：{detail}', en: 'Wrong geometry type: {detail}' },
  no_coordinate_columns: {
    zh: '找不到坐标列（经度/纬度或 X/Y），请手动指定',
    en: 'No coordinate columns found (lon/lat or X/Y); please choose them',
  },
  unknown_column: { zh: '表中没有这一列', en: 'The table has no such column' },
  unknown_crs: { zh: '无法识别的坐标系：{detail}', en: 'Unrecognised coordinate system: {detail}' },
  wrong_crs: {
    zh: '坐标与声明的坐标系不符（{detail}），请确认坐标系',
    en: 'Coordinates do not fit the declared coordinate system ({detail}); please confirm the system',
  },
  swapped_lonlat: { zh: '经度和纬度似乎互换了（{detail}）', en: 'Longitude and latitude seem to be swapped ({detail})' },
  outside_region: {
    zh: '所有坐标都远在中国之外（{detail}），坐标系可能有误',
    en: 'All coordinates lie far outside China ({detail}); the coordinate system is probably wrong',
  },
  no_georeference: {
    zh: '栅格没有可用的地理参考（缺少坐标变换{detail}），无法确定像元位置',
    en: 'The raster has no usable georeferencing (no coordinate transform{detail}); its cells cannot be placed',
  },
  choose_layer: {
    zh: '文件包含多个图层（或工作表），请选择一个：{detail}',
    en: 'The file holds several layers (or sheets); choose one: {detail}',
  },
  nothing_valid: { zh: '没有一行或一个要素可以导入（共跳过 {detail} 个）', en: 'No row or feature could be imported ({detail} skipped)' },
  osm_no_roads: {
    zh: 'OpenStreetMap 文件中没有可用的道路（highway=* 或 route=ferry 的路线）',
    en: 'The OpenStreetMap file holds no usable roads (ways tagged highway=* or route=ferry)',
  },
  osm_outside_extent: {
    zh: 'OpenStreetMap 文件中的 {detail} 条道路都不在社区范围（含外扩）内',
    en: "None of the {detail} roads in the OpenStreetMap file lies within the communities' extent (plus margin)",
  },
};

const REASONS: Record<SkipReason, Record<Lang, string>> = {
  empty: { zh: '值为空', en: 'empty value' },
  nan: { zh: '不是数字', en: 'not a number' },
  out_of_range: { zh: '超出取值范围', en: 'out of range' },
  outside_region: { zh: '远在中国之外', en: 'far outside China' },
  null_geometry: { zh: '没有几何', en: 'no geometry' },
  malformed_geometry: { zh: '几何坐标格式错误', en: 'malformed geometry coordinates' },
  wrong_geometry: { zh: '几何类型不符', en: 'wrong geometry type' },
  duplicate_id: { zh: '编号重复', en: 'duplicate id' },
};

const WARNINGS: Record<WarningKey, Record<Lang, string>> = {
  crs_guessed: {
    zh: '坐标系由坐标范围推测为 {detail}，请确认',
    en: 'Coordinate system guessed from the coordinate ranges as {detail}; please confirm',
  },
  cgcs2000_as_wgs84: {
    zh: 'CGCS2000 与 WGS84 相差不足 1 米，按相同处理',
    en: 'CGCS2000 and WGS84 differ by under 1 m here; treated as the same',
  },
  encoding_guessed: { zh: '文字编码推测为 {detail}', en: 'Text encoding guessed as {detail}' },
  encoding_unknown_cpg: {
    zh: '.cpg 中的编码“{detail}”无法识别，已自动检测',
    en: 'Encoding "{detail}" in the .cpg is not recognised; detected instead',
  },
  columns_guessed: { zh: '坐标列推测为 {detail}，请确认', en: 'Coordinate columns guessed as {detail}; please confirm' },
  columns_swapped: {
    zh: 'X 列像北坐标、Y 列像东坐标（测绘习惯），已互换：{detail}',
    en: 'X looks like northing and Y like easting (survey convention); swapped: {detail}',
  },
  deleted_records: { zh: '跳过了 {detail} 条已删除的 DBF 记录', en: 'Skipped {detail} deleted DBF records' },
  datum_approximate: {
    zh: '{detail} 按公开的近似参数换算到 WGS84（北京54：EPSG:15921 三参数；西安80：无公开参数，仅换椭球），位置误差可达数米至数十米；如有测绘部门提供的七参数，请在坐标系处输入',
    en: "{detail} converted to WGS84 with published approximate parameters (Beijing-54: EPSG:15921, three parameters; Xi'an-80: none published, ellipsoid change only): positions may be off by metres to tens of metres; enter the seven parameters from your surveying bureau under the coordinate system if you have them",
  },
  far_from_region: {
    zh: '有要素远离项目区域（云南省及周边）：{detail}；数据属于相邻州市或其他省份时可继续使用',
    en: 'Features lie far from the project region (Yunnan and surroundings): {detail}; fine when the data belong to a neighbouring prefecture or province',
  },
  skipped_rows: { zh: '部分导入：跳过了 {detail} 行/要素，见报告', en: 'Partial import: {detail} rows/features skipped, see the report' },
};

const WHERE = {
  zh: { file: '文件 {v}', row: '第 {v} 行', feature: '第 {v} 个要素', field: '字段“{v}”' },
  en: { file: 'file {v}', row: 'row {v}', feature: 'feature {v}', field: 'field "{v}"' },
};

// The details the readers write (fixed phrases, some with figures) in Chinese. What a parser
// library says in its own words stays as it is, inside the Chinese sentence.
const DETAIL_ZH: [RegExp, string][] = [
  [/^\.shp record too short$/, '.shp 记录过短'],
  [/^\.shp part\/point counts exceed record$/, '.shp 部件数或点数超出记录长度'],
  [/^\.shp part index$/, '.shp 部件索引错误'],
  [/^\.shp empty record$/, '.shp 记录为空'],
  [/^\.shp point record too short$/, '.shp 点记录过短'],
  [/^\.shp point count exceeds record$/, '.shp 点数超出记录长度'],
  [/^\.shp header$/, '.shp 文件头'],
  [/^\.shp file code is not 9994$/, '.shp 文件标识不是 9994'],
  [/^\.shp has (\d+) of (\d+) bytes$/, '.shp 只有 $1 字节，应有 $2 字节'],
  [/^\.shp record runs past the end$/, '.shp 记录超出文件末尾'],
  [/^\.dbf header$/, '.dbf 文件头'],
  [/^\.dbf field lengths exceed record length$/, '.dbf 字段长度超出记录长度'],
  [/^\.dbf has (\d+) of (\d+) records$/, '.dbf 只有 $1 条记录，应有 $2 条'],
  [/^FlatGeobuf header$/, 'FlatGeobuf 文件头'],
  [/^not a FlatGeobuf file$/, '不是 FlatGeobuf 文件'],
  [/^FlatGeobuf feature count$/, 'FlatGeobuf 要素数'],
  [/^FlatGeobuf index$/, 'FlatGeobuf 空间索引'],
  [/^FlatGeobuf feature$/, 'FlatGeobuf 要素'],
  [/^(\d+) of (\d+) features$/, '只有 $1 个要素，应有 $2 个'],
  [/^not a GeoJSON object$/, '不是 GeoJSON 对象'],
  [/^FeatureCollection without a features array$/, 'FeatureCollection 缺少 features 数组'],
  [/^GeoJSON type (.*)$/, '不支持的 GeoJSON 类型 $1'],
  [/^not a KML document$/, '不是 KML 文档'],
  [/^(\d+) shapes but (\d+) DBF records$/, '$1 个图形，但 DBF 有 $2 条记录'],
  [/^(\d+) MB unzipped$/, '解压后 $1 MB'],
  [/^(\d+) MB > (\d+) MB$/, '$1 MB，上限 $2 MB'],
  [/^(\d+) × (\d+) cells > (.*) M$/, '$1 × $2 个像元，上限 $3 百万'],
  [/^zip: (.*): CRC-32 check failed$/, 'zip 中 $1 的 CRC-32 校验失败'],
  [/^zip: (.*): declared size impossible for its compressed size$/, 'zip 中 $1 声明的解压大小与压缩大小不符'],
  [/^GeoTIFF: (.*)$/, 'GeoTIFF 结构损坏（$1）'],
  [/^JSON: (.*)$/, 'JSON 语法错误（$1）'],
  [/^zip: (.*)$/, 'zip 压缩包损坏（$1）'],
  [/^xlsx: (.*)$/, 'xlsx 工作簿损坏（$1）'],
  [/^FlatGeobuf: (.*)$/, 'FlatGeobuf 数据损坏（$1）'],
  [/^OpenStreetMap node (\S+): no valid position \(lon (.*), lat (.*)\)$/, 'OpenStreetMap 节点 $1 没有有效坐标（经度 $2，纬度 $3）'],
  [/^OpenStreetMap PBF: (.*)$/, 'OpenStreetMap PBF 数据损坏（$1）'],
  [/^OpenStreetMap XML: (.*)$/, 'OpenStreetMap XML 数据损坏（$1）'],
];

/** `detail` in `lang`: a known phrase translated; otherwise as written. */
export function detailText(detail: string, lang: Lang): string {
  if (lang === 'en') return detail;
  for (const [re, zh] of DETAIL_ZH) if (re.test(detail)) return detail.replace(re, zh);
  return detail;
}

function fill(template: string, detail: string | undefined, lang: Lang): string {
  return template.replace('{detail}', detail === undefined ? '' : detailText(detail, lang));
}

function where(lang: Lang, p: { file?: string; row?: number; feature?: number; field?: string }): string {
  const w = WHERE[lang];
  const parts: string[] = [];
  if (p.file !== undefined) parts.push(w.file.replace('{v}', p.file));
  if (p.row !== undefined) parts.push(w.row.replace('{v}', String(p.row)));
  if (p.feature !== undefined) parts.push(w.feature.replace('{v}', String(p.feature)));
  if (p.field !== undefined) parts.push(w.field.replace('{v}', p.field));
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** Full text of an import error in `lang`: where it happened, then what. */
export function formatImportError(err: ImportError, lang: Lang): string {
  const sep = lang === 'zh' ? '：' : ': ';
  const skip = err.params.skip ? (lang === 'zh' ? '；例如' : '; e.g. ') + formatSkip(err.params.skip, lang) : '';
  return where(lang, err.params) + sep + fill(ERRORS[err.key][lang], err.params.detail, lang) + skip;
}

/** One line of the skipped-rows report in `lang`. */
export function formatSkip(skip: Skip, lang: Lang): string {
  const sep = lang === 'zh' ? '：' : ': ';
  const value = skip.value !== undefined ? (lang === 'zh' ? `（“${skip.value}”）` : ` ("${skip.value}")`) : '';
  return where(lang, skip) + sep + REASONS[skip.reason][lang] + value;
}

/** Text of a non-fatal import warning in `lang`. */
export function formatWarning(w: ImportWarning, lang: Lang): string {
  return fill(WARNINGS[w.key][lang], w.detail, lang);
}

const GUESS: Record<GuessReason, Record<Lang, string>> = {
  lonlat_in_honghe: { zh: '经纬度，位于红河州内', en: 'longitude/latitude inside Honghe' },
  lonlat_in_yunnan: { zh: '经纬度，位于云南省内', en: 'longitude/latitude inside Yunnan' },
  lonlat_elsewhere: { zh: '经纬度，但不在云南省内', en: 'longitude/latitude, but outside Yunnan' },
  latlon_swapped: { zh: '经纬度互换后位于云南省内', en: 'inside Yunnan once latitude and longitude are swapped' },
  web_map_offset: {
    zh: '网络地图偏移坐标（高德、腾讯为 GCJ-02，百度为 BD-09），无法从数值区分',
    en: 'web-map offset coordinates (AMap/Tencent GCJ-02, Baidu BD-09), not distinguishable by value',
  },
  gk_zone_prefix: { zh: 'X 坐标带有带号前缀', en: 'the zone number is prefixed to X' },
  gk_in_honghe: { zh: '按此中央经线换算后位于红河州内', en: 'lands inside Honghe with this central meridian' },
  gk_in_yunnan: { zh: '按此中央经线换算后位于云南省内', en: 'lands inside Yunnan with this central meridian' },
  webmercator_range: { zh: '数值符合 Web 墨卡托米制坐标', en: 'values fit Web Mercator metres' },
};

/** Why a CRS candidate was proposed, in `lang`. */
export function formatGuessReason(reason: GuessReason, lang: Lang): string {
  return GUESS[reason][lang];
}
