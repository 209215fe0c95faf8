import { parse } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
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

/** A file being read: its header, and its rows one at a time (the file is never held whole in memory). */
export interface CsvRowStream {
  header: string[];
  rows: AsyncIterable<CsvRow>;
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

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The text of a file, whole or in chunks (`decodeCatalogStream` turns bytes into such chunks). */
export type CsvText = string | AsyncIterable<string>;

async function* records(text: CsvText): AsyncGenerator<CsvRecord> {
  // A pipeline: an error of the source (not UTF-8) reaches the parser, and a reader that stops
  // early (a file refused as a whole) destroys the source too.
  const parser = pipeline(
    Readable.from(typeof text === 'string' ? [text] : text),
    parse({ delimiter: ';', bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true }),
    () => undefined,
  );
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) yield record;
  } catch (err) {
    if (err instanceof UnusableFileError) throw err;
    throw new UnusableFileError(`The file is not readable as CSV: ${(err as Error).message}`);
  } finally {
    parser.destroy();
  }
}

/**
 * Reads a semicolon-separated file (UTF-8, with or without BOM, CRLF or LF) and maps its columns by
 * name, one row at a time. Throws `UnusableFileError` when the file cannot be read at all: empty,
 * another separator, required columns missing (at once), or not CSV further on (while reading rows).
 */
export async function readCsvRows(text: CsvText, columns: readonly ColumnSpec[]): Promise<CsvRowStream> {
  const iterator = records(text);
  const first = await iterator.next();
  if (first.done || first.value.record.every((cell) => !cell.trim())) {
    await iterator.return(undefined);
    throw new UnusableFileError('The file is empty.');
  }
  const header = first.value.record.map((h) => h.trim());
  try {
    if (header.length === 1) {
      const other = OTHER_SEPARATORS.find(([sep]) => header[0].includes(sep));
      if (other) {
        throw new UnusableFileError(
          `The file is separated by ${other[1]}, not by semicolons: the open-data files and the catalog formats use ";" (header read: ${JSON.stringify(header[0].slice(0, 120))}).`,
        );
      }
    }
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
    const rowOf = ({ record, info }: CsvRecord): CsvRow => {
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
    };
    async function* rows(): AsyncGenerator<CsvRow> {
      for await (const record of { [Symbol.asyncIterator]: () => iterator }) yield rowOf(record);
    }
    return { header, rows: rows() };
  } catch (err) {
    await iterator.return(undefined);
    throw err;
  }
}
