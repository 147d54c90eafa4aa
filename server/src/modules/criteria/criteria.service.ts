import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/context';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { isUuid } from '../../common/crud/normalize';
import { scopes } from '../../common/crud/scopes';
import { notFound, type FieldViolation } from '../../common/errors';
import { todayInVietnam } from '../../common/time';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../administrative-unit/administrative-unit.entity';
import { CommitmentArea, type Commitment } from '../commitment/commitment.entity';
import { CriteriaSet, Criterion, CriterionAssessment, CriterionIndicator } from './criteria.entity';

export const criteriaSetService = new CrudService<CriteriaSet>({
  entity: CriteriaSet,
  name: 'CriteriaSet',
  fields: {
    code: f.text({ max: 50, unique: true }),
    name: f.text({ max: 500 }),
    legalAct: f.text({ max: 255 }),
    issuedDate: f.date({ optional: true }),
    validFrom: f.date(),
    validTo: f.date({ optional: true }),
    source: f.longText({ optional: true }),
  },
  searchColumns: ['code', 'name', 'legalAct'],
  defaultSort: { field: 'validFrom', order: 'ASC' },
  rules(set) {
    if (set.validTo && set.validTo < set.validFrom)
      return [
        {
          field: 'validTo',
          rule: 'afterValidFrom',
          message: `must not be before validFrom (${set.validFrom})`,
          params: { min: set.validFrom },
        },
      ];
    return [];
  },
});

export const criterionService = new CrudService<Criterion>({
  entity: Criterion,
  name: 'Criterion',
  fields: {
    criteriaSetId: f.ref(() => CriteriaSet, 'CriteriaSet', 'criteriaSet'),
    number: f.text({ max: 20 }),
    position: f.int({ optional: true, min: 0, max: 1000, defaultValue: 0 }),
    name: f.text({ max: 500 }),
    groupName: f.text({ optional: true, max: 255 }),
    note: f.longText({ optional: true }),
    predecessorId: f.ref(() => Criterion, 'Criterion', 'predecessor', { optional: true }),
  },
  searchColumns: ['name', 'number'],
  defaultSort: { field: 'position', order: 'ASC' },
  async rules(criterion, { em, existing }) {
    const violations: FieldViolation[] = [];
    const clash = await em
      .getRepository(Criterion)
      .createQueryBuilder('c')
      .where('c.criteria_set_id = :set AND c.number = :number', {
        set: criterion.criteriaSetId,
        number: criterion.number,
      })
      .andWhere(existing ? 'c.id <> :id' : 'true', { id: existing?.id })
      .getCount();
    if (clash > 0)
      violations.push({
        field: 'number',
        rule: 'uniqueInSet',
        message: 'is already the number of another criterion of this set',
      });
    if (criterion.predecessorId) {
      // What a criterion took over comes from an earlier set, never its own.
      const [row] = (await em.query(
        `SELECT s.valid_from::text AS from, own.valid_from::text AS own_from
           FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id, criteria_sets own
          WHERE c.id = $1 AND own.id = $2`,
        [criterion.predecessorId, criterion.criteriaSetId],
      )) as { from: string; own_from: string }[];
      if (row && row.from >= row.own_from)
        violations.push({
          field: 'predecessorId',
          rule: 'earlierSet',
          message: 'must be a criterion of a set in force before this one',
        });
    }
    return violations;
  },
});

export const criterionIndicatorService = new CrudService<CriterionIndicator>({
  entity: CriterionIndicator,
  name: 'CriterionIndicator',
  fields: {
    criterionId: f.ref(() => Criterion, 'Criterion', 'criterion'),
    code: f.text({ max: 20 }),
    content: f.longText(),
    target: f.text({ optional: true, max: 255 }),
  },
  searchColumns: ['code', 'content'],
  defaultSort: { field: 'code', order: 'ASC' },
  async rules(indicator, { em, existing }) {
    const clash = await em
      .getRepository(CriterionIndicator)
      .createQueryBuilder('i')
      .where('i.criterion_id = :criterion AND i.code = :code', {
        criterion: indicator.criterionId,
        code: indicator.code,
      })
      .andWhere(existing ? 'i.id <> :id' : 'true', { id: existing?.id })
      .getCount();
    return clash > 0
      ? [
          {
            field: 'code',
            rule: 'uniqueInCriterion',
            message: 'is already the code of another indicator of this criterion',
          },
        ]
      : [];
  },
});

/** Whether a set was in force on a day, or at some time in a year. */
const inForceOn = (set: CriteriaSet, day: string) =>
  set.validFrom <= day && (set.validTo == null || set.validTo >= day);
const inForceIn = (set: Pick<CriteriaSet, 'validFrom' | 'validTo'>, year: number) =>
  set.validFrom <= `${year}-12-31` && (set.validTo == null || set.validTo >= `${year}-01-01`);

async function setOf(em: EntityManager, criterionId: string) {
  const criterion = await em.findOneBy(Criterion, { id: criterionId });
  return criterion ? em.findOneBy(CriteriaSet, { id: criterion.criteriaSetId }) : null;
}

/**
 * The criteria a commitment acts on: only a commitment of area 4 (market and environment
 * criteria) names any, and each from the set in force on the day its memorandum was signed.
 */
export async function commitmentCriteriaViolations(
  em: EntityManager,
  commitment: Commitment,
  given: string[] | undefined,
  existing: Commitment | null,
): Promise<FieldViolation[]> {
  const ids =
    given ??
    (existing
      ? (
          (await em.query(
            'SELECT criterion_id AS id FROM commitment_criteria WHERE commitment_id = $1',
            [existing.id],
          )) as { id: string }[]
        ).map((r) => r.id)
      : []);
  if (ids.length === 0) return [];
  if (commitment.area !== CommitmentArea.MARKET_ENVIRONMENT_CRITERIA)
    return [
      {
        field: given ? 'criterionIds' : 'area',
        rule: 'criteriaOnlyForMarketEnvironmentArea',
        message: `only a commitment of area ${CommitmentArea.MARKET_ENVIRONMENT_CRITERIA} acts on rural-development criteria`,
        params: { area: CommitmentArea.MARKET_ENVIRONMENT_CRITERIA },
      },
    ];
  // The day the memorandum was signed; unknown (the article gives none for the demo's), the day the
  // partnership's coordination plan was agreed, which the memorandum followed.
  const [dates] = (await em.query(
    `SELECT m.signed_date::text AS signed, p.coordination_plan_date::text AS coordinated
       FROM memoranda m JOIN partnerships p ON p.id = m.partnership_id WHERE m.id = $1`,
    [commitment.memorandumId],
  )) as { signed: string | null; coordinated: string | null }[];
  const signed = dates?.signed ?? dates?.coordinated ?? null;
  if (!signed)
    return [
      {
        field: 'criterionIds',
        rule: 'memorandumSigned',
        message:
          'needs the memorandum’s signing date (or its partnership’s coordination-plan date), to know which criteria set was in force',
      },
    ];
  const outOfForce: string[] = [];
  for (const id of ids) {
    const set = await setOf(em, id);
    if (set && !inForceOn(set, signed)) outOfForce.push(id);
  }
  return outOfForce.length > 0
    ? [
        {
          field: 'criterionIds',
          rule: 'criteriaSetInForceOnSigning',
          message: `must be criteria of the set in force when the memorandum was signed (${signed})`,
          params: { signedDate: signed, signingDateKnown: !!dates?.signed, ids: outOfForce },
        },
      ]
    : [];
}

class CriterionAssessmentService extends CrudService<CriterionAssessment> {
  /** Who recorded it is the signed-in user, never a value the caller sends. */
  override async create(ctx: RequestContext, input: Record<string, unknown>) {
    const id = await this.write(ctx, (em) =>
      this.insertChecked(ctx, em, input, { recordedById: ctx.user?.id ?? null }),
    );
    return this.get(ctx, id);
  }
}

export const criterionAssessmentService = new CriterionAssessmentService({
  entity: CriterionAssessment,
  name: 'CriterionAssessment',
  // An officer writes the assessments of a commune their agency's partnership helps.
  scope: (r) => scopes.sponsoredCommune(`${r}.commune_id`),
  scopeField: 'communeId',
  fields: {
    communeId: f.ref(() => AdministrativeUnit, 'AdministrativeUnit', 'commune'),
    criterionId: f.ref(() => Criterion, 'Criterion', 'criterion'),
    year: f.int({ min: 2000, max: 2100 }),
    met: f.bool(),
    evidence: f.longText({ optional: true }),
    assessedOn: f.date(),
  },
  searchColumns: ['evidence'],
  defaultSort: { field: 'year', order: 'DESC' },
  async rules(assessment, { em, existing }) {
    const violations: FieldViolation[] = [];
    const commune = await em.findOneBy(AdministrativeUnit, { id: assessment.communeId });
    if (commune && commune.level !== AdministrativeLevel.COMMUNE)
      violations.push({ field: 'communeId', rule: 'communeLevel', message: 'must be a commune' });
    const set = await setOf(em, assessment.criterionId);
    if (set && !inForceIn(set, assessment.year))
      violations.push({
        field: 'criterionId',
        rule: 'criteriaSetInForceInYear',
        message: `must be a criterion of a set in force in ${assessment.year} (${set.legalAct}: ${set.validFrom} – ${set.validTo ?? '…'})`,
        params: { year: assessment.year, validFrom: set.validFrom, validTo: set.validTo },
      });
    const today = todayInVietnam();
    if (assessment.assessedOn > today)
      violations.push({
        field: 'assessedOn',
        rule: 'notInFuture',
        message: `must not be after today (${today})`,
        params: { max: today },
      });
    else if (assessment.assessedOn < `${assessment.year}-01-01`)
      violations.push({
        field: 'assessedOn',
        rule: 'notBeforeYear',
        message: `must not be before the year assessed (${assessment.year})`,
        params: { min: `${assessment.year}-01-01` },
      });
    // One assessment per commune, criterion and year; writers of one wait for each other here.
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `CriterionAssessment:${assessment.communeId}:${assessment.criterionId}:${assessment.year}`,
    ]);
    const [twin] = (await em.query(
      `SELECT id FROM criterion_assessments
        WHERE commune_id = $1 AND criterion_id = $2 AND year = $3 AND id <> $4`,
      [
        assessment.communeId,
        assessment.criterionId,
        assessment.year,
        existing?.id ?? '00000000-0000-0000-0000-000000000000',
      ],
    )) as { id: string }[];
    if (twin)
      violations.push({
        field: 'year',
        rule: 'onePerCommuneCriterionYear',
        message: `this commune already has an assessment of this criterion for ${assessment.year}`,
        params: { existingId: twin.id },
      });
    return violations;
  },
});

type CriterionYearStatus = 'MET' | 'NOT_MET' | 'NOT_ASSESSED' | 'NOT_IN_FORCE';

/**
 * The card "Tiêu chí nông thôn mới của xã": the criteria the commune's area-4 commitments act on,
 * followed into the sets that took them over, each year from the first signing to this year.
 */
export async function communeCriteriaOverview(ctx: RequestContext, communeId: string) {
  criterionAssessmentService.reach(ctx, 'read');
  const commune = isUuid(communeId)
    ? await ctx.loaders.byId<AdministrativeUnit>(AdministrativeUnit).load(communeId)
    : null;
  if (!commune) throw notFound('AdministrativeUnit', communeId);
  const linked: {
    id: string;
    root: string;
    criteria_set_id: string;
    valid_from: string;
    valid_to: string | null;
    root_position: number;
    root_set_from: string;
  }[] = await ctx.db.query(
    `WITH RECURSIVE linked AS (
       SELECT DISTINCT cc.criterion_id AS id, cc.criterion_id AS root
         FROM commitment_criteria cc
         JOIN commitments c ON c.id = cc.commitment_id AND c.area = $2
         JOIN memoranda m ON m.id = c.memorandum_id
         JOIN partnerships p ON p.id = m.partnership_id
        WHERE p.commune_id = $1
       UNION
       SELECT cr.id, l.root FROM criteria cr JOIN linked l ON cr.predecessor_id = l.id
     )
     SELECT l.id, l.root, cr.criteria_set_id, s.valid_from::text, s.valid_to::text,
            rc.position AS root_position, rs.valid_from::text AS root_set_from
       FROM linked l
       JOIN criteria cr ON cr.id = l.id JOIN criteria_sets s ON s.id = cr.criteria_set_id
       JOIN criteria rc ON rc.id = l.root JOIN criteria_sets rs ON rs.id = rc.criteria_set_id
      ORDER BY rs.valid_from, rc.position, l.root, s.valid_from`,
    [communeId, CommitmentArea.MARKET_ENVIRONMENT_CRITERIA],
  );
  // A criterion reached from two linked ones (a later commitment naming its successor) shows once,
  // in the lineage of the earliest.
  const seen = new Set<string>();
  const rows = linked.filter((row) => !seen.has(row.id) && !!seen.add(row.id));
  const [{ first }] = (await ctx.db.query(
    `SELECT least(
        (SELECT min(extract(year FROM m.signed_date))::int FROM memoranda m
           JOIN partnerships p ON p.id = m.partnership_id WHERE p.commune_id = $1),
        (SELECT min(year) FROM criterion_assessments WHERE commune_id = $1)) AS first`,
    [communeId],
  )) as [{ first: number | null }];
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const years: number[] = [];
  for (let y = first ?? thisYear; y <= thisYear; y++) years.push(y);
  const assessments = rows.length
    ? await ctx.db
        .getRepository(CriterionAssessment)
        .createQueryBuilder('a')
        .where('a.commune_id = :communeId AND a.criterion_id IN (:...ids)', {
          communeId,
          ids: rows.map((r) => r.id),
        })
        .getMany()
    : [];
  const byKey = new Map(assessments.map((a) => [`${a.criterionId}:${a.year}`, a]));
  const criteria = await ctx.loaders.byId<Criterion>(Criterion).loadMany(rows.map((r) => r.id));
  const sets = await ctx.loaders
    .byId<CriteriaSet>(CriteriaSet)
    .loadMany(rows.map((r) => r.criteria_set_id));
  return {
    commune,
    years,
    rows: rows.map((row, i) => ({
      criterion: criteria[i] as Criterion,
      criteriaSet: sets[i] as CriteriaSet,
      lineageId: row.root,
      cells: years.map((year) => {
        if (!inForceIn({ validFrom: row.valid_from, validTo: row.valid_to }, year))
          return { year, status: 'NOT_IN_FORCE' as CriterionYearStatus, assessmentId: null };
        const found = byKey.get(`${row.id}:${year}`);
        return {
          year,
          status: (found ? (found.met ? 'MET' : 'NOT_MET') : 'NOT_ASSESSED') as CriterionYearStatus,
          assessmentId: found?.id ?? null,
        };
      }),
    })),
  };
}
