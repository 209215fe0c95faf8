/**
 * School calendar of the demo (académies of zone A: Besançon, Clermont-Ferrand, Grenoble), close
 * to the official dates: Toussaint, Noël, winter and spring holidays, summer. Dates are UTC days.
 */
export function isSchoolHoliday(day: Date): boolean {
  const m = day.getUTCMonth() + 1;
  const d = day.getUTCDate();
  const md = m * 100 + d;
  if (md >= 705 && md <= 831) return true; // summer
  if (md >= 1018 && md <= 1103) return true; // Toussaint
  if (md >= 1220 || md <= 104) return true; // Noël
  if (md >= 207 && md <= 223) return true; // winter (zone A)
  if (md >= 404 && md <= 420) return true; // spring (zone A)
  return false;
}

/** Weight of a day of the week (0 = Sunday) for a profile: Wednesday afternoons are off in collège. */
export function weekdayWeight(dow: number, family: boolean): number {
  const school = [0.15, 1, 1, 0.6, 1, 0.9, 0.2];
  const parents = [0.6, 1, 0.9, 0.9, 0.9, 0.8, 0.5];
  return (family ? parents : school)[dow];
}

/** The September start weighs more (timetables, accounts activated); weeks of holidays weigh little. */
export function seasonWeight(day: Date): number {
  if (isSchoolHoliday(day)) return 0.08;
  const m = day.getUTCMonth() + 1;
  const d = day.getUTCDate();
  if (m === 9 && d <= 21) return 1.35;
  if (m === 6 && d >= 15) return 0.7; // end of year: brevet, classes thinning out
  return 1;
}

/** Offset of Europe/Paris on a day (summer time from the last Sunday of March to the last Sunday of October). */
export function parisOffsetHours(day: Date): number {
  const y = day.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return new Date(Date.UTC(y, month, last.getUTCDate() - last.getUTCDay()));
  };
  return day >= lastSunday(2) && day < lastSunday(9) ? 2 : 1;
}
