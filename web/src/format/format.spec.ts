import { formatCount, formatDate, formatDelay, formatNumber, formatPercent, formatRate, formatSecrecy, formatShortDate } from './format';

// Intl writes a narrow no-break space (U+202F) between thousands in French, and a no-break
// space (U+00A0) before % and between a number and its unit.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('format (fr-FR first, en-GB second)', () => {
  it('writes numbers with the thousands of each language', () => {
    expect(formatNumber(12345, 'fr')).toBe(`12${NNBSP}345`);
    expect(formatNumber(1234567.89, 'fr', 1)).toBe(`1${NNBSP}234${NNBSP}567,9`);
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(0, 'fr')).toBe('0');
  });

  it('writes ratios as percents with one decimal at most', () => {
    expect(formatPercent(0.425, 'fr')).toBe(`42,5${NBSP}%`);
    expect(formatPercent(0.4, 'fr')).toBe(`40${NBSP}%`);
    expect(formatPercent(0.425, 'en')).toBe('42.5%');
  });

  it('writes days in full, whatever the time zone of the browser', () => {
    expect(formatDate('2025-10-06', 'fr')).toBe('lundi 6 octobre 2025');
    expect(formatDate('2025-10-06', 'en')).toBe('Monday, 6 October 2025');
    expect(formatShortDate('2026-01-01', 'fr')).toBe('1 janv. 2026');
    expect(formatShortDate('2026-01-01', 'en')).toBe('1 Jan 2026');
    expect(() => formatDate('06/10/2025', 'fr')).toThrow('formatDate: "06/10/2025" is not a YYYY-MM-DD day');
  });

  it('writes waits rounded up in seconds, minutes or hours', () => {
    expect(formatDelay(45, 'fr')).toBe(`45${NBSP}secondes`);
    expect(formatDelay(900, 'fr')).toBe(`15${NBSP}minutes`);
    expect(formatDelay(901, 'fr')).toBe(`16${NBSP}minutes`);
    expect(formatDelay(3600, 'fr')).toBe(`1${NBSP}heure`);
    expect(formatDelay(7201, 'en')).toBe(`3${NBSP}hours`);
  });

  it('writes « secret statistique » with its reason for a hidden value, never 0', () => {
    expect(formatSecrecy('small_count', 'fr')).toBe('secret statistique (effectif trop faible)');
    expect(formatSecrecy('secondary', 'fr')).toBe('secret statistique (secret secondaire, pour protéger une autre valeur)');
    expect(formatSecrecy(null, 'fr')).toBe('secret statistique (motif non précisé)');
    expect(formatSecrecy('small_count', 'en')).toBe('statistical secrecy (count too small)');
    expect(formatCount({ value: null, suppressed: true, reason: 'small_count' }, 'fr')).toBe('secret statistique (effectif trop faible)');
    expect(formatCount({ value: 0, suppressed: true, reason: 'secondary' }, 'fr')).toBe('secret statistique (secret secondaire, pour protéger une autre valeur)');
    expect(formatCount({ value: 12345, suppressed: false }, 'fr')).toBe(`12${NNBSP}345`);
    expect(formatCount({ value: 0 }, 'fr')).toBe('0');
    expect(formatRate({ value: null, reason: 'small_count' }, 'en')).toBe('statistical secrecy (count too small)');
    expect(formatRate({ value: 0.425 }, 'fr')).toBe(`42,5${NBSP}%`);
  });
});
