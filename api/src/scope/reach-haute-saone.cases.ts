/* Test cases shared by the catalog's scope test and the role × territory matrix of the access tests. */

/**
 * For every catalog query and mutation: what a caller outside Haute-Saône sends to reach
 * Haute-Saône (70). A resolver added without a case here fails the enumeration tests (catalog scope
 * test and the role × territory matrix of test/access).
 */
export const REACH_HAUTE_SAONE: Record<string, { query: string; variables?: Record<string, unknown> }[]> = {
  territoryTree: [{ query: '{ territoryTree(root: { level: "departement", code: "70" }) { code } }' }, { query: '{ territoryTree { code } }' }, { query: '{ territoryTree(root: { level: "etablissement", code: "0700785Y" }) { code } }' }],
  establishments: [{ query: '{ establishments(filter: { territory: { level: "departement", code: "70" } }) { totalCount } }' }],
  establishment: [{ query: '{ establishment(uai: "0700785Y") { uai } }' }],
  enrolments: [
    { query: '{ enrolments(filter: { schoolYear: "2026-2027", territory: { level: "academie", code: "03" } }) { uai } }' },
    { query: '{ enrolments(filter: { schoolYear: "2026-2027", uais: ["0700785Y"] }) { uai } }' },
  ],
  deployments: [{ query: '{ deployments(filter: { territory: { level: "commune", code: "70550" } }) { uai } }' }],
  setDeployment: [{ query: 'mutation { setDeployment(input: { uai: "0700785Y", status: "closed", openedOn: "2025-10-01" }) { uai } }' }],
  goals: [{ query: '{ goals(territory: { level: "departement", code: "70" }) { id } }' }],
  createGoal: [
    {
      query: 'mutation($i: GoalInput!) { createGoal(input: $i) { id } }',
      variables: { i: { name: 'Intrus', indicator: 'family_uptake', scopeLevel: 'departement', scopeCodes: ['70'], target: 10, startOn: '2026-09-01', deadline: '2027-06-30' } },
    },
  ],
  updateGoal: [
    {
      query: 'mutation($id: Int!, $i: GoalInput!) { updateGoal(id: $id, input: $i) { id } }',
      variables: { id: 1, i: { name: 'Intrus', indicator: 'family_uptake', scopeLevel: 'departement', scopeCodes: ['43'], target: 10, startOn: '2026-09-01', deadline: '2027-06-30' } },
    },
  ],
  deleteGoal: [{ query: 'mutation { deleteGoal(id: 1) }' }],
  budgets: [{ query: '{ budgets(filter: { territory: { level: "region", code: "27" } }) { id } }' }],
  setBudget: [{ query: 'mutation { setBudget(input: { territoryLevel: "departement", territoryCode: "70", schoolYear: "2026-2027", label: "other", amount: 1 }) { id } }' }],
  deleteBudget: [{ query: 'mutation { deleteBudget(id: 1) }' }],
  // Imports answer line by line: lines outside the scope are refused (see the last test of this file).
  importCatalog: [],
};

/**
 * The Haute-Saône note the annotation cases try to read, move and delete: inserted first into an
 * empty `annotation` table, it gets id 1.
 */
export const HAUTE_SAONE_ANNOTATION = {
  territoryLevel: 'departement',
  territoryCode: '70',
  startsOn: '2026-02-09',
  endsOn: '2026-02-13',
  kind: 'interruption',
  text: 'Panne du serveur ENOE : pas de connexion pendant cinq jours',
  createdBy: null,
  createdAt: new Date('2026-02-16T08:00:00Z'),
} as const;

const INTRUDING_NOTE = { startsOn: '2026-03-02', endsOn: '2026-03-06', kind: 'note', text: 'Intrus' };

/**
 * The same, for the annotation queries and mutations (AnnotationsModule): kept apart from the
 * catalog's cases because the catalog's scope test enumerates the catalog's schema alone; the
 * role × territory matrix of test/access runs both lists over the whole application.
 */
export const REACH_HAUTE_SAONE_ANNOTATIONS: Record<string, { query: string; variables?: Record<string, unknown> }[]> = {
  annotations: [
    { query: '{ annotations(filter: { territory: { level: "departement", code: "70" } }) { id } }' },
    { query: '{ annotations(filter: { territory: { level: "etablissement", code: "0700785Y" }, from: "2026-01-01", to: "2026-12-31" }) { id } }' },
  ],
  createAnnotation: [
    { query: 'mutation($i: AnnotationInput!) { createAnnotation(input: $i) { id } }', variables: { i: { territoryLevel: 'departement', territoryCode: '070', ...INTRUDING_NOTE } } },
    { query: 'mutation($i: AnnotationInput!) { createAnnotation(input: $i) { id } }', variables: { i: { territoryLevel: 'etablissement', territoryCode: '0700785Y', ...INTRUDING_NOTE } } },
  ],
  // Moving the Haute-Saône note (id 1) into the caller's own territory.
  updateAnnotation: [
    { query: 'mutation($id: Int!, $i: AnnotationInput!) { updateAnnotation(id: $id, input: $i) { id } }', variables: { id: 1, i: { territoryLevel: 'departement', territoryCode: '43', ...INTRUDING_NOTE } } },
  ],
  deleteAnnotation: [{ query: 'mutation { deleteAnnotation(id: 1) }' }],
};

/** The analytics: every question about Haute-Saône (or the whole country) from a caller outside it. */
export const REACH_HAUTE_SAONE_ANALYTICS: Record<string, { query: string; variables?: Record<string, unknown> }[]> = {
  adoption: [
    { query: '{ adoption(query: { territory: { level: departement, code: "70" }, from: "2026-09-01", to: "2026-11-22", indicators: [visitors] }) { from } }' },
    { query: '{ adoption(query: { territory: { level: etablissement, code: "0700785Y" }, from: "2026-09-01", to: "2026-11-22", indicators: [visitors], groupBy: [profile] }) { from } }' },
    { query: '{ adoption(query: { territory: { level: academie, code: "03" }, from: "2026-09-01", to: "2026-11-22", indicators: [usage_rate], groupBy: [establishment, profile] }) { from } }' },
    { query: '{ adoption(query: { territory: { level: national, code: "FR" }, from: "2026-09-01", to: "2026-11-22", indicators: [visitors], groupBy: [departement] }) { from } }' },
  ],
  goalProgress: [{ query: '{ goalProgress(territory: { level: departement, code: "70" }, today: "2026-11-23") { status } }' }],
  deploymentCohorts: [{ query: '{ deploymentCohorts(territory: { level: departement, code: "70" }, indicator: usage_rate, profile: enseignant, today: "2026-11-23") { wave } }' }],
};
