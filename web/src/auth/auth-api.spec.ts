import { safeNext } from './auth-api';
import { csrfHeaders, readCsrfToken } from './csrf';

describe('where sign-in leads back to (?next=)', () => {
  it('keeps a path of this application with its search', () => {
    expect(safeNext('/administration?territoire=departement%3A70')).toBe('/administration?territoire=departement%3A70');
  });
  it('refuses other sites, the sign-in pages themselves, and nothing', () => {
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('/connexion?next=/x')).toBe('/');
    expect(safeNext('/mot-de-passe')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('the CSRF token echoed from its cookie', () => {
  it('reads ent_csrf among other cookies, and sends it as X-CSRF-Token', () => {
    expect(readCsrfToken('a=1; ent_csrf=abc%3D; b=2')).toBe('abc=');
    expect(csrfHeaders('ent_csrf=tok')).toEqual({ 'X-CSRF-Token': 'tok' });
    expect(csrfHeaders('other=1')).toEqual({});
  });
});
