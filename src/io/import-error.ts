// Import failures as data (a message key plus where it happened), not English strings, so the
// UI can show them in the user's language (see messages.ts).

/** Every way an import can fail as a whole. */
export type ImportErrorKey =
  | 'too_large'
  | 'unknown_format'
  | 'malformed'
  | 'truncated'
  | 'empty'
  | 'zip_missing_part'
  | 'wrong_geometry'
  | 'no_coordinate_columns'
  | 'unknown_column'
  | 'unknown_crs'
  | 'wrong_crs'
  | 'swapped_lonlat'
  | 'outside_region'
  | 'nothing_valid'
  | 'no_georeference'
  | 'choose_layer'
  | 'osm_no_roads'
  | 'osm_outside_extent';

/** Where and what: file name, 1-based row (tables, header = row 1) or 0-based feature index, field name, detail. */
export interface ImportErrorParams {
  file: string;
  row?: number;
  feature?: number;
  field?: string;
  /** Free detail: a size, a limit, a format name, a CRS label; shown verbatim (as text, never HTML). */
  detail?: string;
  /** nothing_valid: the first left-out row, so the message says why. */
  skip?: Skip;
  /** choose_layer: the layers (or sheets) the file holds, for the UI to offer. */
  layers?: string[];
}

/** An import failure the UI can translate with formatImportError(err, lang). */
export class ImportError extends Error {
  readonly key: ImportErrorKey;
  readonly params: ImportErrorParams;
  constructor(key: ImportErrorKey, params: ImportErrorParams, cause?: unknown) {
    super(
      `${key}: ${params.file}${params.row !== undefined ? ` row ${params.row}` : ''}` +
        `${params.feature !== undefined ? ` feature ${params.feature}` : ''}` +
        `${params.field !== undefined ? ` field ${params.field}` : ''}${params.detail ? ` (${params.detail})` : ''}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'ImportError';
    this.key = key;
    // Details may quote file bytes: keep them printable.
    this.params = params.detail === undefined ? params : { ...params, detail: params.detail.replace(/\p{Cc}/gu, ' ') };
  }
}

/** Why one row or feature was left out of a partial import. */
export type SkipReason =
  'empty' | 'nan' | 'out_of_range' | 'outside_region' | 'null_geometry' | 'malformed_geometry' | 'wrong_geometry' | 'duplicate_id';

/** One left-out row (tables, 1-based, header = row 1) or feature (0-based). */
export interface Skip {
  row?: number;
  feature?: number;
  field?: string;
  reason: SkipReason;
  /** The offending value as text, if any (shown as text, never HTML). */
  value?: string;
}

/** Things the user should confirm or know, but that did not stop the import. */
export type WarningKey =
  | 'crs_guessed'
  | 'far_from_region'
  | 'cgcs2000_as_wgs84'
  | 'encoding_guessed'
  | 'encoding_unknown_cpg'
  | 'columns_guessed'
  | 'columns_swapped'
  | 'deleted_records'
  | 'skipped_rows'
  | 'datum_approximate';

export interface ImportWarning {
  key: WarningKey;
  detail?: string;
}

/** Turns any thrown value from a parser into an ImportError for `file` (ImportErrors pass through). */
export function asImportError(e: unknown, file: string, key: ImportErrorKey = 'malformed'): ImportError {
  if (e instanceof ImportError) return e;
  const detail = e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
  return new ImportError(key, { file, detail }, e);
}

/** A file holding several layers (or sheets) read without saying which: the error lists them.
 *  `asked` is a name given that the file does not hold. */
export function chooseLayer(file: string, layers: string[], asked?: string): ImportError {
  const list = layers.map((l) => `"${l}"`).join(', ');
  return new ImportError('choose_layer', { file, layers, detail: asked !== undefined ? `"${asked}" ∉ ${list}` : list });
}
