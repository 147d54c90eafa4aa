import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { getSchema } from './schema';

/** The committed schema.graphql is exactly this text; a test fails when they differ. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(getSchema())) + '\n';
}

if (require.main === module) {
  const target = path.resolve(process.argv[2] ?? 'schema.graphql');
  writeFileSync(target, printedSchema());
  process.stdout.write(`wrote ${target}\n`);
}
