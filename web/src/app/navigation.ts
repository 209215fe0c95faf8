import type { Role } from '../auth/session-user';
import { PATHS } from './paths';

/** A page of the navigation: who may open it. The navigation lists only the caller's pages. */
export interface NavPage {
  id: 'overview' | 'administration';
  path: string;
  roles: readonly Role[];
}

const EVERY_ROLE: readonly Role[] = ['admin', 'councillor', 'rectorate', 'project_manager', 'establishment_head'];

export const NAV_PAGES: readonly NavPage[] = [
  { id: 'overview', path: PATHS.overview, roles: EVERY_ROLE },
  { id: 'administration', path: PATHS.administration, roles: ['admin'] },
];

export function pagesFor(role: Role): NavPage[] {
  return NAV_PAGES.filter((p) => p.roles.includes(role));
}

export function mayOpen(role: Role, id: NavPage['id']): boolean {
  return NAV_PAGES.some((p) => p.id === id && p.roles.includes(role));
}
