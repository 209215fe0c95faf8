// Prints {"rows":…,"distinct":…} of the events table of DATA_DIR's embedded engine, from a separate
// process: the engine can be opened by one process only, and a Jest worker may hold another one.
import { ClickHouseStore } from '@ent/clickhouse';
import { loadConfig } from '@ent/config';

async function main() {
  const store = await ClickHouseStore.open(loadConfig().clickhouse);
  const [r] = await store.query<{ rows: number; distinct: number }>('SELECT count() AS rows, uniqExact(event_id) AS distinct FROM events');
  const ids = process.argv[2] === '--ids' ? (await store.query<{ id: string }>('SELECT toString(event_id) AS id FROM events')).map((x) => x.id) : undefined;
  console.log(JSON.stringify({ rows: Number(r.rows), distinct: Number(r.distinct), ids }));
  await store.close();
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
