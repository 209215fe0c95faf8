import { checkKeyTerritories, describeKeyTerritories, parseKeyTerritory, placeFromUai } from './key-territories';

describe('territories of an ingestion key', () => {
  it('reads level:code from the command line and refuses anything else, naming it', () => {
    expect(parseKeyTerritory('departement:70')).toEqual({ level: 'departement', code: '70' });
    expect(parseKeyTerritory('etablissement: 0430002u ')).toEqual({ level: 'etablissement', code: '0430002u' });
    expect(() => parseKeyTerritory('70')).toThrow('--territory 70: write <level>:<code>, level one of region, academie, departement, commune, etablissement (e.g. departement:70, etablissement:0430002U)');
    expect(() => parseKeyTerritory('canton:7001')).toThrow('--territory canton:7001: write <level>:<code>');
  });

  it('normalises the codes, drops repeats and names the first wrong territory by its position', () => {
    expect(
      checkKeyTerritories([
        { level: 'departement', code: '070' },
        { level: 'departement', code: '70' },
        { level: 'etablissement', code: '0430002u' },
        { level: 'academie', code: '03' },
        { level: 'region', code: '84' },
        { level: 'commune', code: '70526' },
      ]),
    ).toEqual([
      { level: 'departement', code: '70' },
      { level: 'etablissement', code: '0430002U' },
      { level: 'academie', code: '03' },
      { level: 'region', code: '84' },
      { level: 'commune', code: '70526' },
    ]);
    expect(() => checkKeyTerritories([])).toThrow('territories: a key names the territories its source serves (at least one, e.g. departement:70), or has national reach');
    expect(() => checkKeyTerritories([{ level: 'departement', code: '70' }, { level: 'etablissement', code: '0430002A' }])).toThrow(
      'territories[1] (etablissement:0430002A): the key letter of 0430002 is U, not A',
    );
    expect(() => checkKeyTerritories([{ level: 'academie', code: '99' }])).toThrow('territories[0] (academie:99): no académie has the code "99" (2 digits, e.g. 03 for Besançon)');
    expect(() => checkKeyTerritories([{ level: 'commune', code: '99999' }])).toThrow('territories[0] (commune:99999): no commune has the INSEE code "99999"');
    expect(() => checkKeyTerritories([{ level: 'region', code: '99' }])).toThrow('territories[0] (region:99): no région holding an académie has the INSEE code "99"');
  });

  it('describes a key for the refusal message', () => {
    expect(describeKeyTerritories([{ level: 'departement', code: '70' }, { level: 'etablissement', code: '0430002U' }])).toBe('département 70; establishment 0430002U');
  });

  it('places an establishment the catalog does not hold in the département its UAI names', () => {
    expect(placeFromUai('0700035H')).toEqual({ departement: '70', academie: '03', region: '27' });
    expect(placeFromUai('0430002U')).toEqual({ departement: '43', academie: '06', region: '84' });
    expect(placeFromUai('6200001G')).toEqual({ departement: '2A', academie: '27', region: '94' });
    expect(placeFromUai('9740001H')?.departement).toBe('974');
    expect(placeFromUai('0000001B')).toBeUndefined();
  });
});
