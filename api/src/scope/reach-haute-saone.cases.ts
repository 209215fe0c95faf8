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

