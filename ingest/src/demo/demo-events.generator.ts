import { DEMO_ESTABLISHMENTS, demoEnrolment, demoYearShift, shiftDemoDate, type DemoEstablishment } from '@ent/demo';
import type { Device, Profile, Service } from '@ent/contracts';
import type { IncomingEventV1 } from '../contract/event-contract';
import { isSchoolHoliday, parisOffsetHours, seasonWeight, weekdayWeight } from './demo-calendar';

export interface DemoEventOptions {
  /** Same seed, same events (ids included): loading twice stores nothing twice. Default 2012. */
  seed?: number;
  /**
   * Share of the enrolled people simulated (1 = every pupil, parent, teacher, staff). Default 1;
   * below 1, usage rates against the catalog's enrolments shrink in proportion.
   */
  scale?: number;
  /** Last day of the timeline (events stop at this instant). Default: now. */
  today?: Date;
  /** Months of history before `today` (kept inside the 13-month retention). Default 12.9. */
  months?: number;
  /** Restrict to some establishments (UAIs). */
  uais?: readonly string[];
}

type Weights<T extends string> = readonly [T, number][];

interface ProfileModel {
  /** Share of the enrolled people who use the ENT at all once it is fully deployed, per département. */
  adopters: Record<DemoEstablishment['departement'], number>;
  /** Chance that an adopter visits on an ordinary school day. */
  daily: number;
  /** Local hours of visits, weighted. */
  hours: Weights<string>;
  services: Weights<Service>;
  devices: Weights<Device>;
}

// The stories of DOMAIN.md ("Facts from the territories"), read back through the API by
// test/demo/demo-stories.spec.ts. Monthly usage rate in term time ≈ adopters × the chance an
// adopter comes at least once in the month (about 0.97 for teachers, 0.9 for pupils, 0.75 for
// parents at these daily rates):
// - Haute-Loire: ~60 % of teachers each month, families weak (uptake well under 20 %);
// - Savoie: "4,500 users" = the adopters of its 18 collèges (0.4 × 7,706 pupils + 0.09 × 8,211
//   parents + 0.85 × 594 teachers + 0.8 × 346 staff), nearly all seen over a school year;
// - Haute-Saône: a new ENT whose adopters grow with months since opening, pilots ahead (rampUp);
// - everywhere teachers come most often, then pupils, then parents (ENTmip: "teachers connect most
//   often, far ahead of pupils and parents").
const MODELS: Record<Profile, ProfileModel> = {
  eleve: {
    adopters: { '70': 0.5, '43': 0.42, '73': 0.4 },
    daily: 0.08,
    hours: [['7', 2], ['8', 1], ['12', 2], ['13', 2], ['17', 4], ['18', 5], ['19', 4], ['20', 3], ['21', 1]],
    services: [['cahier_textes', 30], ['notes', 22], ['messagerie_instantanee', 8], ['accueil', 8], ['ressource_multimedia', 6], ['ressource_documentaire', 5], ['absences', 4], ['manuel_numerique', 7], ['parcours_pedagogique', 5], ['stockage_partage', 5]],
    devices: [['smartphone', 55], ['ordinateur', 35], ['tablette', 10]],
  },
  parent: {
    adopters: { '70': 0.2, '43': 0.1, '73': 0.09 },
    daily: 0.05,
    hours: [['7', 2], ['12', 2], ['18', 4], ['19', 4], ['20', 5], ['21', 4], ['22', 2]],
    services: [['notes', 35], ['absences', 18], ['cahier_liaison', 14], ['cahier_textes', 15], ['courrier_electronique', 10], ['actualites', 5], ['service_collectivite', 3]],
    devices: [['smartphone', 70], ['ordinateur', 25], ['tablette', 5]],
  },
  enseignant: {
    adopters: { '70': 0.85, '43': 0.65, '73': 0.85 },
    daily: 0.25,
    hours: [['7', 3], ['8', 4], ['10', 3], ['12', 3], ['14', 3], ['16', 3], ['17', 4], ['20', 3], ['21', 2]],
    services: [['cahier_textes', 30], ['notes', 20], ['services_vie_scolaire', 10], ['messagerie_instantanee', 8], ['stockage_partage', 8], ['parcours_pedagogique', 6], ['gestion_temps', 6], ['ressource_multimedia', 5], ['visioconference', 3], ['gestion_competences', 4]],
    devices: [['ordinateur', 75], ['smartphone', 20], ['tablette', 5]],
  },
  admin_vie_scol_tech: {
    adopters: { '70': 0.85, '43': 0.8, '73': 0.8 },
    daily: 0.2,
    hours: [['8', 5], ['9', 4], ['10', 3], ['11', 3], ['14', 4], ['15', 3], ['16', 3]],
    services: [['services_vie_scolaire', 30], ['absences', 25], ['gestion_temps', 15], ['actualites', 10], ['courrier_electronique', 10], ['reservation_salles_materiels', 10]],
    devices: [['ordinateur', 92], ['smartphone', 6], ['tablette', 2]],
  },
  autre: {
    adopters: { '70': 0.5, '43': 0.5, '73': 0.5 },
    daily: 0.05,
    hours: [['10', 1], ['15', 1]],
    services: [['accueil', 1]],
    devices: [['ordinateur', 1]],
  },
};

/** mulberry32: a small, fast, seedable PRNG (determinism matters more than quality here). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T extends string>(weights: Weights<T>, r: number): T {
  let total = 0;
  for (const [, w] of weights) total += w;
  let x = r * total;
  for (const [v, w] of weights) {
    x -= w;
    if (x <= 0) return v;
  }
  return weights[weights.length - 1][0];
}

function uuidFrom(rand: () => number): string {
  const hex: string[] = [];
  for (let i = 0; i < 4; i++) hex.push(Math.floor(rand() * 4294967296).toString(16).padStart(8, '0'));
  const h = hex.join('');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Haute-Saône's waves: the pilots (volunteer teams since September 2011) ahead, the 2012 wave behind
 * them, the 2013 collèges last, at equal months since opening.
 */
const WAVE_ENTHUSIASM: Record<string, number> = { 'Pilotes 2011': 1, 'Vague 2012': 0.75 };
const LATER_WAVE_ENTHUSIASM = 0.55;

/**
 * Share of a collège's would-be adopters who use its ENT on `day`: long-standing ENTs (Haute-Loire,
 * Savoie) are steady at 1; in Haute-Saône it rises with months since opening (40 % of the wave's
 * level at opening, all of it after two years).
 */
function rampUp(e: DemoEstablishment, openedOn: Date, day: Date): number {
  if (day < openedOn) return 0;
  if (e.departement !== '70') return 1;
  const months = (day.getTime() - openedOn.getTime()) / (30.4 * 86400_000);
  return (WAVE_ENTHUSIASM[e.deployment.wave] ?? LATER_WAVE_ENTHUSIASM) * Math.min(1, 0.4 + (0.6 * months) / 24);
}

interface SimUser {
  id: string;
  profile: Profile;
  familyId?: string;
  /**
   * Uniform in [0, 1): the person uses the ENT while it is below the profile's adopter share times
   * the ramp-up, so adopters are the same people from month to month and more join as it rises.
   */
  threshold: number;
  /** Personal intensity around the profile's daily rate. */
  intensity: number;
  device: Device;
}

function population(e: DemoEstablishment, scale: number, rand: () => number): SimUser[] {
  const enrolment = demoEnrolment(e);
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const families = n(enrolment.families);
  const users: SimUser[] = [];
  const add = (profile: Profile, count: number, family?: (i: number) => string) => {
    const model = MODELS[profile];
    for (let i = 0; i < count; i++) {
      users.push({
        id: `${e.uai.toLowerCase()}.${profile.slice(0, 3)}.${String(i).padStart(4, '0')}`,
        profile,
        familyId: family?.(i),
        threshold: rand(),
        intensity: 0.3 + rand() * 1.4,
        device: pick(model.devices, rand()),
      });
    }
  };
  add('eleve', n(enrolment.pupils), (i) => `${e.uai.toLowerCase()}.foyer.${i % families}`);
  // About 1.3 legal guardians per household have an account.
  add('parent', Math.round(families * 1.3), (i) => `${e.uai.toLowerCase()}.foyer.${i % families}`);
  add('enseignant', n(enrolment.teachers));
  add('admin_vie_scol_tech', n(enrolment.staff));
  return users;
}

/**
 * Deterministic ENT usage of the demo territory (DOMAIN.md): Haute-Saône's 26 collèges opening in
 * waves (two pilots, then 2012, then 2013 — dates shifted next to today by `demoYearShift`), each
 * wave behind the one before at equal months since opening; Haute-Loire's 12 collèges (~60 % of
 * teachers active each month, few families), Savoie's 18 collèges (~4,500 distinct users over a
 * school year); teachers, then pupils, then parents by how often they come; weekly rhythm, school
 * holidays of zone A, a busier September start. Events come day by day, visit by visit (login,
 * 1 to 3 services, sometimes logout), as contract v1 events.
 */
export function* generateDemoEvents(options: DemoEventOptions = {}): Generator<IncomingEventV1> {
  const seed = options.seed ?? 2012;
  const scale = options.scale ?? 1;
  const now = options.today ?? new Date();
  const shift = demoYearShift(now);
  const endMs = now.getTime();
  const start = new Date(endMs - (options.months ?? 12.9) * 30.44 * 86400_000);
  const firstDay = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1);
  const establishments = DEMO_ESTABLISHMENTS.filter((e) => !options.uais || options.uais.includes(e.uai));
  const setupRand = prng(seed);
  const people = establishments.map((e) => ({
    e,
    openedOn: new Date(`${shiftDemoDate(e.deployment.openedOn, shift)}T00:00:00Z`),
    users: population(e, scale, setupRand),
  }));

  for (let dayMs = firstDay; dayMs <= endMs; dayMs += 86400_000) {
    const day = new Date(dayMs);
    const rand = prng(seed ^ Math.floor(dayMs / 86400_000));
    const dow = day.getUTCDay();
    const season = seasonWeight(day);
    const offset = parisOffsetHours(day);
    const holiday = isSchoolHoliday(day);
    for (const { e, openedOn, users } of people) {
      const ramp = rampUp(e, openedOn, day);
      if (ramp === 0) continue;
      for (const u of users) {
        const model = MODELS[u.profile];
        if (u.threshold >= model.adopters[e.departement] * ramp) continue;
        const family = u.profile === 'parent';
        const p = model.daily * u.intensity * weekdayWeight(dow, family) * (family && holiday ? 0.3 : season);
        if (rand() >= p) continue;
        const hour = Number(pick(model.hours, rand()));
        let t = dayMs + (hour - offset) * 3600_000 + Math.floor(rand() * 3600_000);
        const session = uuidFrom(rand);
        const device = rand() < 0.85 ? u.device : pick(model.devices, rand());
        const accesses = 1 + Math.floor(rand() * rand() * 3);
        const steps: [string, Service][] = [['login', 'accueil']];
        for (let i = 0; i < accesses; i++) steps.push(['access', pick(model.services, rand())]);
        if (rand() < 0.3) steps.push(['logout', 'accueil']);
        for (const [action, service] of steps) {
          if (t > endMs) break;
          const event: IncomingEventV1 = {
            event_id: uuidFrom(rand),
            occurred_at: new Date(t).toISOString(),
            uai: e.uai,
            profile: u.profile,
            user_id: u.id,
            session_id: session,
            service,
            action,
            device,
          };
          if (u.familyId) event.family_id = u.familyId;
          yield event;
          t += 20_000 + Math.floor(rand() * 240_000);
        }
      }
    }
  }
}
