/**
 * The one place where figures, percents, dates and delays become text, through `Intl`: French
 * conventions first (`12 345`, `42,5 %`, `lundi 6 octobre 2025`), English as the second language.
 * A value hidden by statistical secrecy is written « secret statistique » with its reason, never 0.
 */
export type Language = 'fr' | 'en';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

/** Why a figure is not published (the API's `…Reason` fields). */
export type SecrecyReason = 'small_count' | 'secondary';

const SECRECY: Record<Language, { label: string; reasons: Record<SecrecyReason, string>; unknown: string }> = {
  fr: {
    label: 'secret statistique',
    reasons: { small_count: 'effectif trop faible', secondary: 'secret secondaire, pour protéger une autre valeur' },
    unknown: 'motif non précisé',
  },
  en: {
    label: 'statistical secrecy',
    reasons: { small_count: 'count too small', secondary: 'secondary secrecy, protecting another value' },
    unknown: 'reason not given',
  },
};

/** A figure as the API gives it: a value, or hidden by statistical secrecy with a reason. */
export type Figure = { value: number | null; suppressed?: boolean; reason?: string | null };

/** `12 345` (fr), `12,345` (en); whole numbers unless `maximumFractionDigits` says otherwise. */
export function formatNumber(value: number, language: Language, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits }).format(value);
}

/** A ratio (0.425) as a percent: `42,5 %` (fr), `42.5%` (en), one decimal at most. */
export function formatPercent(ratio: number, language: Language, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits }).format(ratio);
}

function parseDay(day: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`formatDate: "${day}" is not a YYYY-MM-DD day`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** A day (YYYY-MM-DD): `lundi 6 octobre 2025` (fr), `Monday, 6 October 2025` (en). */
export function formatDate(day: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parseDay(day));
}

/** A short day: `6 oct. 2025` (fr), `6 Oct 2025` (en). */
export function formatShortDate(day: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(parseDay(day));
}

const DELAY_UNITS: Record<Language, Record<'second' | 'minute' | 'hour', { one: string; other: string }>> = {
  fr: { second: { one: 'seconde', other: 'secondes' }, minute: { one: 'minute', other: 'minutes' }, hour: { one: 'heure', other: 'heures' } },
  en: { second: { one: 'second', other: 'seconds' }, minute: { one: 'minute', other: 'minutes' }, hour: { one: 'hour', other: 'hours' } },
};

/**
 * A wait (e.g. Retry-After), rounded up: `45 secondes`, `15 minutes`, `2 heures`, always with a
 * no-break space (ICU's unit formats are not consistent about it).
 */
export function formatDelay(seconds: number, language: Language): string {
  const [amount, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second' as const] : seconds < 3600 ? [Math.ceil(seconds / 60), 'minute' as const] : [Math.ceil(seconds / 3600), 'hour' as const];
  const plural = new Intl.PluralRules(LOCALES[language]).select(amount) === 'one' ? 'one' : 'other';
  return `${formatNumber(amount, language)}\u00a0${DELAY_UNITS[language][unit][plural]}`;
}

/** « secret statistique (effectif trop faible) »: what is written instead of a hidden value. */
export function formatSecrecy(reason: string | null | undefined, language: Language): string {
  const s = SECRECY[language];
  const why = reason && reason in s.reasons ? s.reasons[reason as SecrecyReason] : s.unknown;
  return `${s.label} (${why})`;
}

function isHidden(f: Figure): boolean {
  return f.suppressed === true || f.value === null;
}

/** A count: the number, or the secrecy text when it is hidden (never 0). */
export function formatCount(f: Figure, language: Language): string {
  return isHidden(f) ? formatSecrecy(f.reason, language) : formatNumber(f.value as number, language);
}

/** A rate (ratio): the percent, or the secrecy text when it is hidden (never 0 %). */
export function formatRate(f: Figure, language: Language): string {
  return isHidden(f) ? formatSecrecy(f.reason, language) : formatPercent(f.value as number, language);
}
