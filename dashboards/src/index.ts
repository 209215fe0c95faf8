// Role dashboards as code: panels as typed data, grouped into pages, each page asked in one GraphQL operation.
export * from './adoption-query';
export * from './selections';
export * from './periods';
export * from './panel';
export * from './councillor-dashboard';
export * from './rectorate-dashboard';
export * from './project-manager-dashboard';
export * from './establishment-head-dashboard';
export * from './dashboards';
export * from './validate-dashboard';
export * from './page-operation';
