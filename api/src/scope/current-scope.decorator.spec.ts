import { attachScope, scopeOfRequest } from './current-scope.decorator';
import { NATIONAL_SCOPE, scopeOfTerritories } from './territorial-scope';

describe('scopeOfRequest', () => {
  it('prefers the scope attached to the request', () => {
    const req = { user: { role: 'admin', territories: [] } };
    attachScope(req, scopeOfTerritories([{ level: 'departement', code: '43' }]));
    expect(scopeOfRequest(req)).toEqual({ kind: 'territories', regions: [], academies: [], departements: ['43'], communes: [], uais: [] });
  });

  it('derives the scope of a signed-in user: national for an administrator, exactly their territories otherwise', () => {
    expect(scopeOfRequest({ user: { role: 'admin', territories: [] } })).toBe(NATIONAL_SCOPE);
    expect(scopeOfRequest({ user: { role: 'rectorate', territories: [{ level: 'academie', code: '03' }] } })).toMatchObject({ academies: ['03'], departements: [] });
    expect(scopeOfRequest({ user: { role: 'councillor' } })).toMatchObject({ kind: 'territories', departements: [], uais: [] });
  });

  it('covers nothing for a request that carries neither a scope nor a user', () => {
    const nothing = { kind: 'territories', regions: [], academies: [], departements: [], communes: [], uais: [] };
    expect(scopeOfRequest({})).toEqual(nothing);
    expect(scopeOfRequest(undefined)).toEqual(nothing);
  });
});
