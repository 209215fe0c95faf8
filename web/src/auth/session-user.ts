/** The roles of the API (`api/src/auth/roles.ts`). */
export const ROLES = ['admin', 'councillor', 'rectorate', 'project_manager', 'establishment_head'] as const;
export type Role = (typeof ROLES)[number];

export interface TerritoryRef {
  level: string;
  code: string;
}

/** The signed-in person as `/auth/session` and `/auth/login` describe them. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  territories: TerritoryRef[];
  mustChangePassword: boolean;
}
