import { isValidUai, uaiKeyLetter, uaiProblem } from './uai';

describe('UAI', () => {
  it.each(['0700035H', '0700004Z', '0430002U', '0730765K', '0301326D', '0090038T', '0660522J'])(
    'accepts the real UAI %s',
    (uai) => expect(isValidUai(uai)).toBe(true),
  );

  it('computes the key letter from the 7 digits modulo 23', () => {
    expect(uaiKeyLetter('0700035')).toBe('H');
    expect(uaiKeyLetter('0700004')).toBe('Z');
  });

  it('says what is wrong', () => {
    expect(uaiProblem('0700035A')).toBe('the key letter of 0700035 is H, not A');
    expect(uaiProblem('70035H')).toBe('a UAI is 7 digits followed by a letter (e.g. 0700035H)');
    expect(uaiProblem('0700035h')).toBeUndefined();
  });
});
