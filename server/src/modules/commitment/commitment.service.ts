import { In, type SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../../common/context';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { isUuid } from '../../common/crud/normalize';
import type { FieldViolation } from '../../common/errors';
import { notFound } from '../../common/errors';
import { todayInVietnam } from '../../common/time';
import { Memorandum } from '../memorandum/memorandum.entity';
import { Organization } from '../organization/organization.entity';
import { Criterion } from '../criteria/criteria.entity';
import { commitmentCriteriaViolations } from '../criteria/criteria.service';
import { Commitment, CommitmentArea, CommitmentProgress, ProgressEntry } from './commitment.entity';
import { NO_PROGRESS, summariseAreas, type ProgressTotals } from './progress';

export const commitmentService = new CrudService<Commitment>({
  entity: Commitment,
  name: 'Commitment',
  fields: {
    memorandumId: f.ref(() => Memorandum, 'Memorandum', 'memorandum'),
    area: f.enumOf(CommitmentArea, 'CommitmentArea'),
    title: f.text({ max: 500 }),
    description: f.longText({ optional: true }),
    targetQuantity: f.int({ optional: true, min: 1, max: 1_000_000 }),
    targetUnit: f.text({ optional: true, max: 50 }),
    targetCriterion: f.longText({ optional: true }),
    responsibleOrganizationId: f.ref(
      () => Organization,
      'Organization',
      'responsibleOrganization',
      {
        optional: true,
      },
    ),
    dueDate: f.date({ optional: true }),
    position: f.int({ optional: true, min: 0, max: 1000, defaultValue: 0 }),
    criterionIds: f.refs(
      () => Criterion,
      'Criterion',
      'criteria',
      {
        table: 'commitment_criteria',
        ownerColumn: 'commitment_id',
        targetColumn: 'criterion_id',
        filterName: 'criterionId',
      },
      {
        optional: true,
        description:
          'Rural-development criteria it acts on: area 4 only, of the set in force when the memorandum was signed.',
      },
    ),
  },
  searchColumns: ['title', 'description'],
  defaultSort: { field: 'position', order: 'ASC' },
  async rules(commitment, { em, existing, lists }) {
    const violations: FieldViolation[] = [];
    if (commitment.targetUnit && commitment.targetQuantity == null) {
      violations.push({
        field: 'targetQuantity',
        rule: 'requiredWithUnit',
        message: 'is required when a unit is given',
      });
    }
    violations.push(
      ...(await commitmentCriteriaViolations(em, commitment, lists.criterionIds, existing)),
    );
    return violations;
  },
});

class ProgressEntryService extends CrudService<ProgressEntry> {
  /** `memorandumId`: the entries of every commitment of one memorandum (its progress timeline). */
  protected override customFilter(
    qb: SelectQueryBuilder<ProgressEntry>,
    key: string,
    value: unknown,
    param: string,
  ) {
    if (key !== 'memorandumId') return super.customFilter(qb, key, value, param);
    if (!isUuid(value)) qb.andWhere('false');
    else
      qb.andWhere(
        `r.commitment_id IN (SELECT id FROM commitments WHERE memorandum_id = :${param})`,
        { [param]: value },
      );
  }
}

export const progressEntryService = new ProgressEntryService({
  entity: ProgressEntry,
  name: 'ProgressEntry',
  fields: {
    commitmentId: f.ref(() => Commitment, 'Commitment', 'commitment'),
    entryDate: f.date(),
    description: f.longText(),
    quantity: f.int({ optional: true, min: 0, max: 1_000_000, defaultValue: 0 }),
    cost: f.money({ optional: true }),
    evidence: f.longText({ optional: true }),
    completes: f.bool({ optional: true, defaultValue: false }),
  },
  searchColumns: ['description', 'evidence'],
  defaultSort: { field: 'entryDate', order: 'DESC' },
  rules(entry) {
    const today = todayInVietnam();
    if (entry.entryDate > today) {
      return [
        {
          field: 'entryDate',
          rule: 'notInFuture',
          message: `must not be after today (${today})`,
          params: { max: today },
        },
      ];
    }
    return [];
  },
});

/** Totals of progress per commitment from the trigger-kept summary, batched for one response. */
export function progressTotals(ctx: RequestContext) {
  return ctx.loaders.named<string, ProgressTotals>('progressTotals', async (ids) => {
    const rows = await ctx.db
      .getRepository(CommitmentProgress)
      .findBy({ commitmentId: In([...ids]) });
    const byId = new Map(
      rows.map((row) => [
        row.commitmentId,
        {
          achievedQuantity: Number(row.achievedQuantity),
          completedByEntry: row.completedByEntry,
          entryCount: row.entryCount,
          lastEntryDate: row.lastEntryDate,
        },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? NO_PROGRESS);
  });
}

/** A memorandum's progress in its five areas, from one query for commitments and one for totals. */
/** The memorandum as the caller may read it, or NOT_FOUND. */
async function readableMemorandum(ctx: RequestContext, memorandumId: string) {
  const memorandum = isUuid(memorandumId)
    ? await ctx.loaders.byId<Memorandum>(Memorandum).load(memorandumId)
    : null;
  if (!memorandum) throw notFound('Memorandum', memorandumId);
  return memorandum;
}

export async function memorandumProgress(ctx: RequestContext, memorandumId: string) {
  const memorandum = await readableMemorandum(ctx, memorandumId);
  const commitments = await ctx.loaders
    .childrenOf<Commitment>(Commitment, 'memorandumId', { position: 'ASC', title: 'ASC' })
    .load(memorandumId);
  const totals = await progressTotals(ctx).loadMany(commitments.map((c) => c.id));
  const totalsById = new Map(commitments.map((c, i) => [c.id, totals[i] as ProgressTotals]));
  const areas = summariseAreas(
    commitments,
    (c) => totalsById.get(c.id) ?? NO_PROGRESS,
    todayInVietnam(),
  );
  const percent =
    commitments.length === 0
      ? 0
      : Math.floor(
          areas.reduce((s, a) => s + a.percent * a.commitmentCount, 0) / commitments.length,
        );
  return { memorandum, areas, percent };
}

/**
 * Each area's completion at the end of every month, from the memorandum's signing (or its first
 * entry) to this month: the same reading of the entries as today's progress, on earlier days.
 */
export async function memorandumProgressOverTime(ctx: RequestContext, memorandumId: string) {
  const memorandum = await readableMemorandum(ctx, memorandumId);
  const commitments = await ctx.loaders
    .childrenOf<Commitment>(Commitment, 'memorandumId', { position: 'ASC', title: 'ASC' })
    .load(memorandumId);
  const entries: {
    commitment_id: string;
    entry_date: string;
    quantity: string;
    completes: boolean;
  }[] = await ctx.db.query(
    `SELECT commitment_id, entry_date::text, quantity::text, completes FROM progress_entries
        WHERE commitment_id = ANY($1::uuid[]) ORDER BY entry_date`,
    [commitments.map((c) => c.id)],
  );
  const today = todayInVietnam();
  const start = [memorandum.signedDate, entries[0]?.entry_date]
    .filter((d): d is string => !!d)
    .sort()[0];
  if (!start) return [];
  const points: { month: string; area: CommitmentArea; percent: number }[] = [];
  for (let month = `${start.slice(0, 7)}-01`; month <= today; month = nextMonth(month)) {
    const end = [lastDayOf(month), today].sort()[0]!;
    const totals = new Map<string, ProgressTotals>();
    for (const entry of entries) {
      if (entry.entry_date > end) break;
      const t = totals.get(entry.commitment_id) ?? { ...NO_PROGRESS };
      t.achievedQuantity += Number(entry.quantity);
      t.completedByEntry ||= entry.completes;
      t.entryCount += 1;
      t.lastEntryDate = entry.entry_date;
      totals.set(entry.commitment_id, t);
    }
    for (const area of summariseAreas(commitments, (c) => totals.get(c.id) ?? NO_PROGRESS, end))
      points.push({ month: month.slice(0, 7), area: area.area, percent: area.percent });
  }
  return points;
}

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
