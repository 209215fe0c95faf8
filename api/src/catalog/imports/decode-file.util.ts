import { UnusableFileError } from '../errors/catalog-errors';

/**
 * The text of a catalog file. The open-data exports are UTF-8 (often with a BOM); a file re-saved
 * in Latin-1 or Windows-1252 would turn accents into garbage, so it is refused rather than guessed.
 */
export function decodeCatalogFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnusableFileError('The file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252): save it again as UTF-8 CSV.');
  }
}
