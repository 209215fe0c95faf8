import type { AnalyticsTerritory } from './adoption-query';
import { adoptionSelection, COHORT_SELECTION, GOAL_PROGRESS_SELECTION } from './selections';
import { isIsoDay } from './periods';
import { panelQuery, panelsOfPage, type DashboardDefinition, type PageId } from './panel';

/** One GraphQL request for a whole page: one alias per panel, named by the panel's id. */
export interface PageOperation {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** The panels' ids, in the page's order: the keys of the answer's `data`. */
  aliases: string[];
}

const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/**
 * The operation that asks every panel of a page at once for a territory on a day (Europe/Paris):
 * `adoption` panels with their own variables (`$<panel id>`), `goalProgress` and
 * `deploymentCohorts` panels with the shared `$territory` and `$today`. The web sends it as one
 * request, and the API prices it as one operation (the cost of all its aliases).
 */
export function pageOperation(dashboard: DashboardDefinition, pageId: PageId, territory: AnalyticsTerritory, today: string): PageOperation {
  const page = dashboard.pages.find((p) => p.id === pageId);
  if (!page) throw new Error(`page: the ${dashboard.id} dashboard has no page "${pageId}" (${dashboard.pages.map((p) => p.id).join(', ')})`);
  if (!isIsoDay(today)) throw new Error(`today must be a day YYYY-MM-DD (got "${today}")`);
  if (page.subject === 'establishment' && territory.level !== 'etablissement') {
    throw new Error(`territory: the ${pageId} page is about one establishment (level etablissement), not a ${territory.level}`);
  }
  const panels = panelsOfPage(dashboard, pageId);
  if (!panels.length) throw new Error(`page: the ${pageId} page of the ${dashboard.id} dashboard has no panel`);
  const declarations: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  const shared = () => {
    if (!('territory' in variables)) {
      declarations.push('$territory: AnalyticsTerritoryInput!', '$today: String!');
      variables.territory = { level: territory.level, code: territory.code };
      variables.today = today;
    }
  };
  for (const panel of panels) {
    switch (panel.source) {
      case 'adoption':
        declarations.push(`$${panel.id}: AdoptionQueryInput!`);
        variables[panel.id] = panelQuery(panel, territory, today);
        fields.push(`${panel.id}: adoption(query: $${panel.id}) ${adoptionSelection(panel)}`);
        break;
      case 'goalProgress':
        shared();
        fields.push(`${panel.id}: goalProgress(territory: $territory, today: $today) ${GOAL_PROGRESS_SELECTION}`);
        break;
      case 'deploymentCohorts': {
        shared();
        declarations.push(`$${panel.id}_indicator: Indicator!`);
        variables[`${panel.id}_indicator`] = panel.indicator;
        let args = `territory: $territory, indicator: $${panel.id}_indicator, today: $today`;
        if (panel.profile) {
          declarations.push(`$${panel.id}_profile: Profile!`);
          variables[`${panel.id}_profile`] = panel.profile;
          args += `, profile: $${panel.id}_profile`;
        }
        fields.push(`${panel.id}: deploymentCohorts(${args}) ${COHORT_SELECTION}`);
        break;
      }
    }
  }
  const operationName = `${pascal(dashboard.id)}${pascal(pageId)}Page`;
  return {
    operationName,
    query: `query ${operationName}(${declarations.join(', ')}) {\n${fields.map((f) => `  ${f}`).join('\n')}\n}`,
    variables,
    aliases: panels.map((p) => p.id),
  };
}
