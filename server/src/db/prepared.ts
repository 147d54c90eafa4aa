/**
 * A statement PostgreSQL keeps prepared on each connection under `name`: parsed once, and planned
 * once when its generic plan is no worse than planning each run (PostgreSQL decides after five).
 * For the fixed statements every request sends (its opening, references by id, kept counts).
 * PERF: planning was about a third of the PostgreSQL time of the household page (1.2 of 2.8 ms).
 * NOTE: TypeORM hands the query to pg as it is, and pg takes `{ name, text }` with the values
 * beside; `toString` gives the text to whatever logs it. A transaction-pooling proxy in front of
 * PostgreSQL must support prepared statements (PgBouncer 1.21+, max_prepared_statements).
 */
export function prepared(name: string, text: string): string {
  return { name, text, toString: () => text } as unknown as string;
}

/** How many run-time statement texts a process prepares per prefix (see preparedShape). */
export const SHAPES_KEPT = 100;
const shapesByPrefix = new Map<string, Map<string, string>>();

/**
 * A statement built at run time from a small set of shapes (the kinds of id lists one answer asks
 * together, the number of access-log rows it writes, the references a page asks), prepared under
 * a name of its own per text. Only the first SHAPES_KEPT texts of each prefix are: pg cannot drop
 * a statement it prepared, so each connection's set must stay bounded; later texts run
 * unprepared, as before. Counted per prefix, so the texts a caller's query shapes (a page's
 * references) cannot take the places of the statements every request sends.
 */
export function preparedShape(prefix: string, text: string): string {
  let shapes = shapesByPrefix.get(prefix);
  if (!shapes) shapesByPrefix.set(prefix, (shapes = new Map()));
  const known = shapes.get(text);
  if (known) return known;
  if (shapes.size >= SHAPES_KEPT) return text;
  const statement = prepared(`${prefix}_${shapes.size}`, text);
  shapes.set(text, statement);
  return statement;
}
