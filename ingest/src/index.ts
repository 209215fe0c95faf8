// The ingestion pipeline: contract v1, validation, pseudonymisation, batching writer, dead letters,
// xAPI mapping, file reading and the demo generator. The HTTP routes in api/ are thin wrappers.
export * from './contract/event-contract';
export * from './contract/validate-event';
export * from './pseudonymise/pseudonymiser';
export * from './pseudonymise/hmac-key';
export * from './parse/parse-body';
export * from './writer/batch-token';
export * from './writer/event-writer';
export * from './dead-letters/dead-letter-recorder';
export * from './pipeline/ingestion-pipeline';
export * from './pipeline/key-scope';
export * from './pipeline/events-table-ttl';
export * from './xapi/xapi-statement';
export * from './xapi/xapi-mapping';
export * from './parse/read-event-file';
export * from './file-import/import-event-file';
export * from './demo/demo-calendar';
export * from './demo/demo-events.generator';
export * from './demo/load-demo-events';
export * from './xapi/validate-xapi-statement';
export * from './xapi/check-xapi-statements';
export * from './xapi/xapi-statement-digest';
export * from './xapi/xapi-timestamp';
