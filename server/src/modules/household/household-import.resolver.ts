import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { RequestContext } from '../../common/context';
import { BadInputError } from '../../common/errors';
import { Role } from '../../common/roles';
import {
  householdImportTemplate,
  importHouseholds,
  importProgress,
  type HouseholdImportResult as Result,
} from './household-import.service';
import { ImportBatch } from './import-batch.entity';

/** The base64 of a 20,000-row file stays well inside this; larger is not a commune's list. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

@InputType()
class HouseholdImportInput {
  @Field(() => String, {
    description: 'The .xlsx file, base64-encoded (the downloaded template, filled in).',
  })
  file: string;

  @Field(() => String)
  fileName: string;

  @Field(() => Boolean, {
    description: 'Check every row and report what would happen, writing nothing.',
  })
  dryRun: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      'The agency responsible for the households (administrators; an officer’s is their own).',
  })
  organizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Any unique string; householdImportProgress(key) tells how far the import has gone.',
  })
  progressKey?: string | null;
}

@ObjectType({ description: 'A problem in one cell (or row) of the imported file.' })
class ImportCellError {
  @Field(() => String)
  sheet: string;

  @Field(() => Int, { description: 'The row number as Excel shows it.' })
  row: number;

  @Field(() => String, { nullable: true, description: 'The column header, as in the template.' })
  column: string | null;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field(() => String, { description: 'The rule broken, as in BAD_USER_INPUT errors.' })
  rule: string;

  @Field(() => String)
  message: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  params?: Record<string, unknown>;
}

@ObjectType()
class ImportRowOutcome {
  @Field(() => String)
  sheet: string;

  @Field(() => Int)
  row: number;

  @Field(() => String, { nullable: true, description: 'The name on the row, as in the file.' })
  label: string | null;

  @Field(() => String, {
    description:
      'CREATED (new record), COMPLETED (existing household, members or category added), UNCHANGED (already there), INVALID.',
  })
  outcome: string;

  @Field(() => [ImportCellError])
  errors: ImportCellError[];
}

@ObjectType({ description: 'What an import did, or would do on a dry run.' })
class HouseholdImportResult {
  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => String, { description: 'SHA-256 of the file: the batch key.' })
  fileDigest: string;

  @Field(() => ImportBatch, {
    nullable: true,
    description: 'Set when this very file was imported before: nothing was added.',
  })
  alreadyImported: ImportBatch | null;

  @Field(() => ImportBatch, { nullable: true, description: 'The batch this import recorded.' })
  batch: ImportBatch | null;

  @Field(() => Int)
  rowCount: number;

  @Field(() => Int)
  householdsCreated: number;

  @Field(() => Int)
  membersCreated: number;

  @Field(() => Int)
  categoryPeriodsCreated: number;

  @Field(() => Int, { description: 'Cell errors; the import writes nothing unless this is 0.' })
  errorCount: number;

  @Field(() => [ImportRowOutcome])
  rows: ImportRowOutcome[];
}

@ObjectType()
class ImportProgress {
  @Field(() => Int)
  done: number;

  @Field(() => Int)
  total: number;
}

@Resolver()
export class HouseholdImportResolver {
  @Authorized([Role.ADMIN, Role.AGENCY_OFFICER])
  @Query(() => String, {
    description:
      'The .xlsx template for importing households, members and categories, base64-encoded.',
  })
  async householdImportTemplate(): Promise<string> {
    return (await householdImportTemplate()).toString('base64');
  }

  @Authorized([Role.ADMIN, Role.AGENCY_OFFICER])
  @Mutation(() => HouseholdImportResult, {
    description:
      'Imports households from the template: all rows or none, and the same file twice adds nothing.',
  })
  importHouseholds(
    @Arg('input', () => HouseholdImportInput) input: HouseholdImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Result> {
    const file = Buffer.from(input.file, 'base64');
    if (file.length === 0) throw BadInputError.of('file', 'required', 'is required');
    if (file.length > MAX_FILE_BYTES)
      throw BadInputError.of('file', 'maxFileSize', 'is larger than 8 MB', { max: '8 MB' });
    return importHouseholds(ctx, {
      file,
      fileName: input.fileName,
      dryRun: input.dryRun,
      organizationId: input.organizationId ?? null,
      progressKey: input.progressKey ?? null,
    });
  }

  @Authorized([Role.ADMIN, Role.AGENCY_OFFICER])
  @Query(() => ImportProgress, {
    nullable: true,
    description: 'How far a running import has gone; null when it is not running on this server.',
  })
  householdImportProgress(@Arg('key', () => String) key: string): ImportProgress | null {
    return importProgress(key);
  }
}

export const householdImportResolvers = [HouseholdImportResolver];
