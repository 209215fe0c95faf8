import type { AuthService } from './auth.service';
import type { Role, TerritoryRef } from './roles';

/**
 * One account per role for the demo territory, with known passwords listed in the README. They
 * are created only with the demo data (DEMO=1 on empty stores): never run a public deployment
 * with the demo.
 */
export const DEMO_ACCOUNTS: readonly { email: string; password: string; displayName: string; role: Role; territories: TerritoryRef[] }[] = [
  { email: 'admin@demo.ent-observatoire.fr', password: 'demo-admin-observatoire', displayName: 'Administratrice (démo)', role: 'admin', territories: [] },
  {
    email: 'conseiller.70@demo.ent-observatoire.fr',
    password: 'demo-conseiller-70',
    displayName: 'Conseiller départemental de la Haute-Saône (démo)',
    role: 'councillor',
    territories: [{ level: 'departement', code: '70' }],
  },
  {
    email: 'rectorat.besancon@demo.ent-observatoire.fr',
    password: 'demo-rectorat-besancon',
    displayName: 'DANE de Besançon (démo)',
    role: 'rectorate',
    territories: [{ level: 'academie', code: '03' }],
  },
  {
    email: 'projet@demo.ent-observatoire.fr',
    password: 'demo-chef-de-projet',
    displayName: 'Cheffe de projet ENT (démo)',
    role: 'project_manager',
    territories: [
      { level: 'departement', code: '70' },
      { level: 'departement', code: '43' },
      { level: 'departement', code: '73' },
    ],
  },
  {
    email: 'principal.0700785y@demo.ent-observatoire.fr',
    password: 'demo-chef-etablissement',
    displayName: 'Principal du collège Jean Macé, Vesoul (démo)',
    role: 'establishment_head',
    territories: [{ level: 'etablissement', code: '0700785Y' }],
  },
];

/** Creates the demo accounts that do not exist yet; returns the e-mails created. */
export async function ensureDemoAccounts(auth: AuthService): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await auth.findByEmail(account.email)) continue;
    await auth.createUser(account);
    created.push(account.email);
  }
  return created;
}
