import { parse } from 'csv-parse/sync';
import { UnusableFileError } from '../errors/catalog-errors';

/** A column an import reads: its key in the code and the header names it may have in a file. */
export interface ColumnSpec {
  key: string;
  /** Header names, compared after `normaliseHeader` (case, accents and punctuation do not matter). */
  names: readonly string[];
  required: boolean;
}

export interface CsvRow {
  /** Line number in the file (1 = header). */
  line: number;
  /** Trimmed cell of a column key ('' when the column is absent or the cell empty). */
  get(key: string): string;
  /** The column's header as written in the file (for messages), or its first accepted name. */
  column(key: string): string;
  has(key: string): boolean;
  /** Raw cells by normalised header, for kind-specific checks. */
  raw: Map<string, string>;
  fieldCount: number;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** `Identifiant_de_l_etablissement`, `identifiant_de_l_etablissement`, `Rentrée scolaire` → snake case ASCII. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const OTHER_SEPARATORS: [string, string][] = [
  [',', 'commas'],
  ['\t', 'tabs'],
  ['|', 'vertical bars'],
];

/**
 * Reads a semicolon-separated file (UTF-8, with or without BOM, CRLF or LF) and maps its columns by
 * name. Throws `UnusableFileError` when the file cannot be read at all: empty, another separator,
 * required columns missing.
 */
export function readCsvTable(text: string, columns: readonly ColumnSpec[]): CsvTable {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  if (!content.trim()) throw new UnusableFileError('The file is empty.');
  if (!firstLine.includes(';')) {
    const other = OTHER_SEPARATORS.find(([sep]) => firstLine.includes(sep));
    if (other) {
      throw new UnusableFileError(
        `The file is separated by ${other[1]}, not by semicolons: the open-data files and the catalog formats use ";" (header read: ${JSON.stringify(firstLine.slice(0, 120))}).`,
      );
    }
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { delimiter: ';', relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (err) {
    throw new UnusableFileError(`The file is not readable as CSV: ${(err as Error).message}`);
  }
  const header = records[0].record.map((h) => h.trim());
  const normalised = header.map(normaliseHeader);

  const indexOf = new Map<string, number>();
  const missing: string[] = [];
  for (const spec of columns) {
    const index = normalised.findIndex((h) => spec.names.includes(h));
    if (index >= 0) indexOf.set(spec.key, index);
    else if (spec.required) missing.push(spec.names[0]);
  }
  if (missing.length) {
    throw new UnusableFileError(
      `Missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (columns found: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}).`,
    );
  }

  const rows = records.slice(1).map(({ record, info }): CsvRow => {
    const raw = new Map<string, string>();
    normalised.forEach((h, i) => raw.set(h, (record[i] ?? '').trim()));
    return {
      line: info.lines,
      fieldCount: record.length,
      raw,
      has: (key) => indexOf.has(key),
      get: (key) => {
        const i = indexOf.get(key);
        return i === undefined ? '' : (record[i] ?? '').trim();
      },
      column: (key) => {
        const i = indexOf.get(key);
        return i === undefined ? (columns.find((c) => c.key === key)?.names[0] ?? key) : header[i];
      },
    };
  });
  return { header, rows };
}
