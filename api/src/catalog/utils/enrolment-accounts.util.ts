import { PROFILES, type Profile } from '@ent/contracts';
import type { EnrolmentEntity } from '../entities/enrolment.entity';

type AccountField = {
  [K in keyof EnrolmentEntity]: K extends `accounts${string}` ? K : never;
}[keyof EnrolmentEntity];

const PASCAL: Record<Profile, string> = {
  eleve: 'Eleve',
  parent: 'Parent',
  enseignant: 'Enseignant',
  admin_vie_scol_tech: 'AdminVieScolTech',
  autre: 'Autre',
};

/** The enrolment property holding the accounts opened or activated for a profile. */
export function accountColumn(profile: Profile, which: 'opened' | 'activated'): AccountField {
  return `accounts${which === 'opened' ? 'Opened' : 'Activated'}${PASCAL[profile]}` as AccountField;
}

/** The accounts of an enrolment per profile, for the profiles the ENT provided. */
export function accountsOf(e: EnrolmentEntity): { profile: Profile; opened: number | null; activated: number | null }[] {
  return PROFILES.map((profile) => ({
    profile,
    opened: e[accountColumn(profile, 'opened')],
    activated: e[accountColumn(profile, 'activated')],
  })).filter((a) => a.opened !== null || a.activated !== null);
}
