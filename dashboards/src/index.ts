// Role dashboards as code land here (issue: dashboard). Nothing is exported yet.
export {};
