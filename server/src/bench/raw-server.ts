import http from 'node:http';
import pg from 'pg';

/**
 * The baseline `npm run bench` compares the app with: a bare node:http server and a pg pool of 10
 * that answers the households page in ONE SQL statement, the JSON built by PostgreSQL (json_agg)
 * and sent as it comes. It connects as the OWNER: no row-level security, no session, no GraphQL,
 * no framework. The page is what the app's "households page" case asks for: 25 households sorted
 * by head name (Vietnamese collation, then id, as CrudService.list sorts), each with its village
 * and the village's commune, its organization, and its groups with their agency, plus the total,
 * in the shape of the GraphQL answer (`__typename` included, as Apollo asks for it).
 *
 * Usage (bench.ts starts it): DATABASE_URL=<owner url> PORT=<port> node dist/server/bench/raw-server.js
 * Any request answers the page; `?page=N&perPage=M` choose another one. Prints "raw server ready
 * on <port>" when listening; SIGTERM/SIGINT stop it.
 */

const PAGE_SQL = (total: string) => `
WITH page AS (
  SELECT h.id, h.head_name, h.village_id, h.organization_id
    FROM households h
   ORDER BY h.head_name COLLATE "vi-VN-x-icu", h.id
   LIMIT $1 OFFSET $2
)
SELECT json_build_object('data', json_build_object(
  'items', coalesce((
    SELECT json_agg(json_build_object(
      'id', p.id,
      'headName', p.head_name,
      'village', CASE WHEN v.id IS NOT NULL THEN json_build_object(
        'id', v.id, 'name', v.name,
        'parent', CASE WHEN c.id IS NOT NULL THEN json_build_object(
          'id', c.id, 'name', c.name, '__typename', 'AdministrativeUnit') END,
        '__typename', 'AdministrativeUnit') END,
      'organization', CASE WHEN o.id IS NOT NULL THEN json_build_object(
        'id', o.id, 'name', o.name, '__typename', 'Organization') END,
      'groups', coalesce((
        SELECT json_agg(json_build_object(
          'id', g.id, 'name', g.name,
          'organization', CASE WHEN go.id IS NOT NULL THEN json_build_object(
            'id', go.id, 'name', go.name, '__typename', 'Organization') END,
          '__typename', 'SupportGroup') ORDER BY g.name COLLATE "vi-VN-x-icu", g.id)
          FROM support_group_households sgh
          JOIN support_groups g ON g.id = sgh.support_group_id
          LEFT JOIN organizations go ON go.id = g.organization_id
         WHERE sgh.household_id = p.id), '[]'::json),
      '__typename', 'Household') ORDER BY p.head_name COLLATE "vi-VN-x-icu", p.id)
      FROM page p
      LEFT JOIN administrative_units v ON v.id = p.village_id
      LEFT JOIN administrative_units c ON c.id = v.parent_id
      LEFT JOIN organizations o ON o.id = p.organization_id), '[]'::json),
  'total', json_build_object('count', ${total}, '__typename', 'ListMetadata')))::text AS body`;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL (the owner of the database) is required');
  const port = Number(process.env.PORT ?? 0);
  // app.role=ADMIN: an owner that is not a superuser reads every row under forced row-level
  // security too. A startup parameter: no statement per connection.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c app.role=ADMIN' });
  // The total as the app's administrator gets it: the count the database keeps when it keeps one.
  const { rows } = await pool.query<{ kept: boolean }>(
    `SELECT to_regclass('row_counts') IS NOT NULL AS kept`,
  );
  const sql = PAGE_SQL(
    rows[0]!.kept
      ? `(SELECT row_count FROM row_counts WHERE table_name = 'households')`
      : '(SELECT count(*) FROM households)',
  );

  const server = http.createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const perPage = Math.min(1000, Math.max(1, Number(query.get('perPage') ?? 25) || 25));
    const page = Math.max(0, Number(query.get('page') ?? 0) || 0);
    // The request body (the GraphQL query of the app's case) is read and ignored.
    req.resume();
    req.on('end', () => {
      pool.query<{ body: string }>(sql, [perPage, page * perPage]).then(
        (result) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(result.rows[0]!.body);
        },
        (error: Error) => {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ errors: [{ message: error.message }] }));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  process.stdout.write(
    `raw server ready on ${typeof address === 'object' && address ? address.port : port}\n`,
  );

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
