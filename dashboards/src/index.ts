// Role dashboards as code: panels as typed data, resolved into `adoption` query variables.
export * from './adoption-query';
export * from './periods';
export * from './councillor-dashboard';
