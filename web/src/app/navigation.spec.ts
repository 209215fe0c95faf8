import { mayOpen, pagesFor } from './navigation';
import { carriedSearch } from './url-state';
import { signInUrl } from './paths';

describe('the navigation of each role', () => {
  it('lists only the pages of the caller’s role', () => {
    expect(pagesFor('admin').map((p) => p.path)).toEqual(['/', '/administration']);
    for (const role of ['councillor', 'rectorate', 'project_manager', 'establishment_head'] as const) {
      expect(pagesFor(role).map((p) => p.path)).toEqual(['/']);
      expect(mayOpen(role, 'administration')).toBe(false);
    }
    expect(mayOpen('admin', 'administration')).toBe(true);
  });

  it('carries the territory and period of the URL to the other pages, nothing else', () => {
    expect(carriedSearch('?territoire=departement%3A70&periode=2025-2026&x=1')).toBe('?territoire=departement%3A70&periode=2025-2026');
    expect(carriedSearch('?x=1')).toBe('');
  });

  it('keeps where the person was as ?next= on the way to sign-in', () => {
    expect(signInUrl('/administration?territoire=national')).toBe('/connexion?next=%2Fadministration%3Fterritoire%3Dnational');
    expect(signInUrl('/')).toBe('/connexion');
  });
});
