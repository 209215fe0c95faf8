import { decodeCatalogFile } from './decode-file.util';

describe('decodeCatalogFile', () => {
  it('reads UTF-8, dropping a BOM', () => {
    expect(decodeCatalogFile(Buffer.from('uai;nom\n0700035H;Collège\n', 'utf8'))).toBe('uai;nom\n0700035H;Collège\n');
    expect(decodeCatalogFile(Buffer.from('\uFEFFuai\n', 'utf8'))).toBe('uai\n');
  });

  it('refuses a Latin-1 file rather than guessing its accents', () => {
    expect(() => decodeCatalogFile(Buffer.from('nom\nColl\xe8ge\n', 'latin1'))).toThrow(
      'The file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252): save it again as UTF-8 CSV.',
    );
  });
});
