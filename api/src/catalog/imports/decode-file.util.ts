import { UnusableFileError } from '../errors/catalog-errors';

const NOT_UTF8 = 'The file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252): save it again as UTF-8 CSV.';

/**
 * The text of a catalog file. The open-data exports are UTF-8 (often with a BOM); a file re-saved
 * in Latin-1 or Windows-1252 would turn accents into garbage, so it is refused rather than guessed.
 */
export function decodeCatalogFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnusableFileError(NOT_UTF8);
  }
}

/** The same, chunk by chunk (a character split across two chunks is decoded whole). */
export async function* decodeCatalogStream(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new UnusableFileError(NOT_UTF8);
    }
  };
  for await (const chunk of chunks) yield decode(chunk);
  yield decode();
}
