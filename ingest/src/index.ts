// The ingestion pipeline lands here (issue: ingestion pipeline). Nothing is exported yet.
export {};
