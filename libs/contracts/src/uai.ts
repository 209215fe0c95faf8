/**
 * UAI (unité administrative immatriculée): 7 digits and a key letter. The letter is the 7-digit
 * number modulo 23 in the alphabet without I, O and Q.
 */
const KEY_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const UAI_FORMAT = /^(\d{7})([A-Z])$/;

export function uaiKeyLetter(digits: string): string {
  return KEY_LETTERS[Number(digits) % 23];
}

/** Why a string is not a valid UAI, or undefined when it is one. Accepts lower-case input. */
export function uaiProblem(value: string): string | undefined {
  const m = UAI_FORMAT.exec(value.trim().toUpperCase());
  if (!m) return 'a UAI is 7 digits followed by a letter (e.g. 0700035H)';
  const expected = uaiKeyLetter(m[1]);
  if (m[2] !== expected) return `the key letter of ${m[1]} is ${expected}, not ${m[2]}`;
  return undefined;
}

export function isValidUai(value: string): boolean {
  return uaiProblem(value) === undefined;
}

/** Upper-cases and trims a UAI (validate it first). */
export function normaliseUai(value: string): string {
  return value.trim().toUpperCase();
}
