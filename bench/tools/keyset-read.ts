import pg from 'pg';

/*
 * The rebuild's floor, run in a fresh process as the operator CLI's rebuild is: a bare keyset read of
 * the whole events table, 1,000 rows a page, the same columns the store reads
 * (libs/event-store/src/rows.ts), with data and metadata parsed. Prints one JSON line:
 * { rows, ms, parsedByDriver }; the connection's set-up is not timed (nor is the CLI's).
 */
const KEYSET = `SELECT global_position, transaction_id::text AS transaction_id, stream_id, stream_type, stream_version,
  event_type, schema_version, data, metadata, occurred_at, recorded_at
  FROM events WHERE global_position > $1 ORDER BY global_position LIMIT 1000`;

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
try {
  const t0 = performance.now();
  let after = 0;
  let rows = 0;
  let parsedByDriver: boolean | undefined;
  for (;;) {
    const page = (await client.query(KEYSET, [after])).rows;
    if (page.length === 0) break;
    for (const r of page) {
      // pg parses jsonb itself (JSON.parse in its type parser); parse here only where it did not.
      parsedByDriver ??= typeof r.data !== 'string';
      if (typeof r.data === 'string') r.data = JSON.parse(r.data);
      if (typeof r.metadata === 'string') r.metadata = JSON.parse(r.metadata);
    }
    rows += page.length;
    after = Number(page[page.length - 1].global_position);
  }
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ rows, ms, parsedByDriver: parsedByDriver ?? null })}\n`);
} finally {
  await client.end();
}
