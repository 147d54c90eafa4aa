import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import { isUuid } from '../../common/crud/normalize';
import { unitAreaSql, type UnitMode } from '../../common/crud/unit-area';
import type { RequestContext } from '../../common/context';
import { BadInputError, forbidden, notFound, type FieldViolation } from '../../common/errors';
import { Role } from '../../common/roles';
import { recordAccess } from '../../common/personal-data';
import { todayInVietnam, VIETNAM_TODAY_SQL } from '../../common/time';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../administrative-unit/administrative-unit.entity';
import { Organization } from '../organization/organization.entity';
import { PovertyStandard } from './poverty-standard.entity';
import { deriveCategoryPeriods, standardsInForce } from './poverty-standards';
import {
  CategoryPeriodSource,
  ConsentMethod,
  Household,
  HouseholdCategory,
  HouseholdCategoryPeriod,
  HouseholdMember,
  HouseholdNeed,
  LegalBasis,
  PovertyResult,
  PovertyReview,
  Relation,
} from './household.entity';

class HouseholdService extends CrudService<Household> {
  /**
   * `category`: households in that category today; `groupId`: households a support group helps;
   * `communeId`: households in the commune's villages.
   */
  protected override customFilter(
    qb: SelectQueryBuilder<Household>,
    key: string,
    value: unknown,
    param: string,
    unitMode: UnitMode,
  ) {
    if (key === 'category') {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM household_category_periods c WHERE c.household_id = r.id AND c.category = :${param}
           AND c.valid_from <= ${VIETNAM_TODAY_SQL} AND (c.valid_to IS NULL OR c.valid_to >= ${VIETNAM_TODAY_SQL}))`,
        { [param]: value },
      );
    } else if (key === 'groupId') {
      if (!isUuid(value)) qb.andWhere('false');
      else
        qb.andWhere(
          `EXISTS (SELECT 1 FROM support_group_households g WHERE g.household_id = r.id AND g.support_group_id = :${param})`,
          { [param]: value },
        );
    } else if (key === 'povertyOutcome') {
      // The dashboard's escape figures, from the outcomes the database keeps (migration 1795981000000).
      if (value !== 'ESCAPED' && value !== 'ESCAPED_SUSTAINABLY')
        throw BadInputError.of('filter.povertyOutcome', 'oneOf', 'is not a poverty outcome', {
          allowed: ['ESCAPED', 'ESCAPED_SUSTAINABLY'],
        });
      qb.andWhere(
        `EXISTS (SELECT 1 FROM household_poverty_outcomes o WHERE o.household_id = r.id${
          value === 'ESCAPED_SUSTAINABLY' ? ' AND o.sustainably' : ''
        })`,
      );
    } else if (key === 'communeId') {
      if (!isUuid(value)) qb.andWhere('false');
      else
        // The commune's villages, as it was or with the history of every commune that became it.
        qb.andWhere(unitAreaSql('r.village_id', `:${param}`, unitMode), { [param]: value });
    } else super.customFilter(qb, key, value, param, unitMode);
  }
}

export const householdService = new HouseholdService({
  entity: Household,
  name: 'Household',
  scope: (r) => scopes.householdRow(r),
  countsWithScopedPage: true,
  ownerField: 'organizationId',
  unitColumn: 'village_id',
  fields: {
    villageId: f.ref(() => AdministrativeUnit, 'AdministrativeUnit', 'village'),
    headName: f.text(),
    address: f.text({ optional: true, max: 500 }),
    circumstances: f.longText({ optional: true }),
    needs: f.enumsOf(HouseholdNeed, 'HouseholdNeed', { optional: true }),
    notes: f.longText({ optional: true }),
    organizationId: f.ref(() => Organization, 'Organization', 'organization', { optional: true }),
    legalBasis: f.enumOf(LegalBasis, 'LegalBasis', {
      optional: true,
      defaultValue: LegalBasis.STATUTORY_DUTY,
      description:
        'CONSENT needs consentDate, consentMethod and consentNoticeVersion; STATUTORY_DUTY ' +
        '(default) is the state agency carrying out the program under the law.',
    }),
    consentDate: f.date({ optional: true }),
    consentMethod: f.enumOf(ConsentMethod, 'ConsentMethod', { optional: true }),
    consentEvidence: f.text({ optional: true, max: 500 }),
    consentNoticeVersion: f.text({ optional: true, max: 100 }),
  },
  searchColumns: ['headName', 'address'],
  // Also the name of its village or of the commune the village is in. NOTE: `= ANY (ARRAY(…))`
  // runs the small lookup once and probes households by their village index. PERF: the units'
  // names are compared once (a text of two letters matches through no trigram, and comparing all
  // 90,000 names took 0.2 s each time).
  searchAlso: (p) => `r.village_id = ANY (ARRAY(
      WITH named AS MATERIALIZED (SELECT u.id FROM administrative_units u
       WHERE plan68_search_text(u.name) LIKE plan68_search_text(:${p}) ESCAPE '\\')
      SELECT id FROM named
       UNION
      SELECT v.id FROM administrative_units v JOIN named ON named.id = v.parent_id))`,
  defaultSort: { field: 'headName', order: 'ASC' },
  async rules(household, { em }) {
    const violations: FieldViolation[] = [];
    const village = await em.findOneBy(AdministrativeUnit, { id: household.villageId });
    if (village && village.level !== AdministrativeLevel.VILLAGE) {
      violations.push({
        field: 'villageId',
        rule: 'villageLevel',
        message: 'must be a village (thôn, buôn)',
      });
    }
    // Silence is not consent: consent counts only with its date, how it was given and the notice shown.
    if (household.legalBasis === LegalBasis.CONSENT) {
      for (const field of ['consentDate', 'consentMethod', 'consentNoticeVersion'] as const) {
        if (household[field] == null)
          violations.push({
            field,
            rule: 'requiredForConsent',
            message: 'is required for consent',
          });
      }
      if (household.consentDate && household.consentDate > todayInVietnam())
        violations.push({ field: 'consentDate', rule: 'notFuture', message: 'is in the future' });
    }
    return violations;
  },
});

const THIS_YEAR = () => Number(todayInVietnam().slice(0, 4));

export const householdMemberService = new CrudService<HouseholdMember>({
  entity: HouseholdMember,
  name: 'HouseholdMember',
  scope: (r) => scopes.household(`${r}.household_id`),
  countsWithScopedPage: true,
  scopeField: 'householdId',
  fields: {
    householdId: f.ref(() => Household, 'Household', 'household'),
    fullName: f.text(),
    birthYear: f.int({ optional: true, min: 1900, max: 2100 }),
    relation: f.enumOf(Relation, 'Relation'),
    isPupil: f.bool({ optional: true, defaultValue: false }),
    citizenId: f.text({
      optional: true,
      max: 12,
      unique: true,
      pattern: {
        regex: /^\d{12}$/,
        rule: 'citizenId',
        message: 'must be the 12 digits of a citizen ID (căn cước)',
      },
      description: 'Write-only: 12 digits; read back as citizenIdMasked.',
    }),
    legacyIdNumber: f.text({
      optional: true,
      max: 9,
      pattern: {
        regex: /^\d{9}$/,
        rule: 'legacyIdNumber',
        message: 'must be the 9 digits of an old identity card (CMND)',
      },
      description: 'Write-only: an old 9-digit CMND number.',
    }),
  },
  searchColumns: ['fullName'],
  hiddenColumns: ['citizenId', 'legacyIdNumber'],
  defaultSort: { field: 'birthYear', order: 'ASC' },
  rules(member) {
    const violations: FieldViolation[] = [];
    if (member.birthYear !== null && member.birthYear > THIS_YEAR()) {
      violations.push({
        field: 'birthYear',
        rule: 'notInFuture',
        message: 'must not be in the future',
      });
    }
    return violations;
  },
});

/** A period a review opened, or an administrator corrected: the reviews own it. */
export const reviewDerived = (period: Pick<HouseholdCategoryPeriod, 'source'>) =>
  period.source !== CategoryPeriodSource.MANUAL;

const POVERTY_CATEGORIES: string[] = [HouseholdCategory.POOR, HouseholdCategory.NEAR_POOR];

/** The first day a household's reviews decide its poverty category (null: no review yet). */
async function firstReviewDay(em: EntityManager, householdId: string): Promise<string | null> {
  const [row] = (await em.query(
    `SELECT min(coalesce(review_date, make_date(year, 12, 31)))::text AS day
       FROM poverty_reviews WHERE household_id = $1`,
    [householdId],
  )) as { day: string | null }[];
  return row?.day ?? null;
}

/**
 * Category periods. From a household's first review on, its POOR and NEAR_POOR periods are the
 * reviews' (see povertyReviewService): nobody enters or edits them by hand there, except an
 * administrator correcting one with a reason (kept on the period and in the audit trail). A
 * correction holds for its dates until a review recorded, edited or deleted later re-derives
 * them: from that review's date on, the reviews win. POLICY_FAMILY periods are entered by hand.
 */
export const householdCategoryPeriodService = new CrudService<HouseholdCategoryPeriod>({
  entity: HouseholdCategoryPeriod,
  name: 'HouseholdCategoryPeriod',
  scope: (r) => scopes.household(`${r}.household_id`),
  countsWithScopedPage: true,
  scopeField: 'householdId',
  fields: {
    householdId: f.ref(() => Household, 'Household', 'household'),
    category: f.enumOf(HouseholdCategory, 'HouseholdCategory'),
    validFrom: f.date(),
    validTo: f.date({ optional: true }),
    correctionReason: f.text({
      optional: true,
      max: 1000,
      description:
        'Why an administrator corrects a period the reviews decide (required then, refused from others).',
    }),
  },
  searchColumns: [],
  defaultSort: { field: 'validFrom', order: 'DESC' },
  guardChange(existing, change) {
    if (change === 'delete' && reviewDerived(existing))
      throw forbidden(
        'A period derived from a review goes when its review is edited or deleted; an administrator may correct its dates with a reason',
        { rule: 'reviewDerived', resource: 'HouseholdCategoryPeriod' },
      );
  },
  prepare(period, { ctx, existing, given }) {
    // An administrator's change with a reason to a period the reviews decide is a correction.
    const reason = typeof given.correctionReason === 'string' ? given.correctionReason.trim() : '';
    if (ctx.user?.role === Role.ADMIN && reason && POVERTY_CATEGORIES.includes(period.category))
      return { source: CategoryPeriodSource.CORRECTION, correctionReason: reason };
    return { source: existing?.source ?? CategoryPeriodSource.MANUAL };
  },
  async rules(period, { em, ctx, existing, given }) {
    const violations: FieldViolation[] = [];
    if (period.validTo && period.validTo < period.validFrom) {
      violations.push({
        field: 'validTo',
        rule: 'afterValidFrom',
        message: 'must not be before validFrom',
      });
    }
    const admin = ctx.user?.role === Role.ADMIN;
    const reason = typeof given.correctionReason === 'string' ? given.correctionReason.trim() : '';
    if (reason && !admin)
      violations.push({
        field: 'correctionReason',
        rule: 'adminOnly',
        message: 'only an administrator corrects a period the reviews decide',
      });
    // An update that gives nothing to change (a client re-reading the record) changes nothing.
    const changing = Object.keys(given).some((field) => field !== 'correctionReason');
    if (existing && reviewDerived(existing) && changing) {
      if (!admin)
        throw forbidden(
          "This period follows the household's yearly reviews: record or edit a review instead; only an administrator may correct it",
          { rule: 'reviewDerived', resource: 'HouseholdCategoryPeriod' },
        );
      if (!POVERTY_CATEGORIES.includes(period.category))
        violations.push({
          field: 'category',
          rule: 'povertyCategory',
          message: 'a period derived from a review is POOR or NEAR_POOR',
        });
    }
    const derived = existing ? reviewDerived(existing) : false;
    const firstDay = POVERTY_CATEGORIES.includes(period.category)
      ? await firstReviewDay(em, period.householdId)
      : null;
    const reachesReviews =
      firstDay !== null && (period.validTo === null || period.validTo >= firstDay);
    // A new period over those dates without a reason (a form, an imported row) is refused as
    // for anyone: the reviews decide there; an administrator's reason makes it a correction.
    if (changing && reachesReviews && (!admin || (!existing && !reason)))
      violations.push({
        field: 'validFrom',
        rule: 'decidedByReviews',
        message: `from ${firstDay} the household's yearly reviews decide whether it is poor or near-poor: record a review instead`,
        params: { firstReviewDate: firstDay },
      });
    else if (admin && changing && (derived || reachesReviews) && reason.length < 5)
      violations.push({
        field: 'correctionReason',
        rule: 'requiredForCorrection',
        message: 'say why a period the reviews decide is corrected (at least 5 characters)',
        params: { min: 5 },
      });
    return violations;
  },
});

/**
 * The yearly review (rà soát) under the poverty standard in force in its year. It decides the
 * household's POOR / NEAR_POOR periods from its date: recording, editing or deleting one
 * re-derives them in the same transaction (derive_category_periods, migration 1795994000000).
 */
export const povertyReviewService = new CrudService<PovertyReview>({
  entity: PovertyReview,
  name: 'PovertyReview',
  scope: (r) => scopes.household(`${r}.household_id`),
  countsWithScopedPage: true,
  scopeField: 'householdId',
  fields: {
    householdId: f.ref(() => Household, 'Household', 'household'),
    year: f.int({ min: 1990, max: 2100 }),
    reviewDate: f.date({
      optional: true,
      description:
        'When the commune recognised the result; default 31/12 of the year (today for this year).',
    }),
    standardId: f.ref(() => PovertyStandard, 'PovertyStandard', 'standard', {
      optional: true,
      description: 'The poverty standard in force in the year; default the newest in force.',
    }),
    result: f.enumOf(PovertyResult, 'PovertyResult'),
    notes: f.longText({ optional: true }),
  },
  searchColumns: ['standard', 'notes'],
  defaultSort: { field: 'year', order: 'DESC' },
  async prepare(review, { em, existing, given }) {
    const prepared: Partial<PovertyReview> = {};
    if (review.year == null) return prepared;
    const yearChanged = existing && given.year !== undefined && given.year !== existing.year;
    if (!review.reviewDate || (yearChanged && given.reviewDate === undefined)) {
      const today = todayInVietnam();
      const yearEnd = `${review.year}-12-31`;
      prepared.reviewDate = yearEnd < today ? yearEnd : today;
    }
    let standardId = review.standardId;
    if (!standardId || (yearChanged && given.standardId === undefined)) {
      standardId = (await standardsInForce(em, review.year))[0]?.id ?? null;
      prepared.standardId = standardId;
    }
    const standard = standardId ? await em.findOneBy(PovertyStandard, { id: standardId }) : null;
    if (standard) {
      prepared.standard = standard.name;
      prepared.standardEdition = standard.edition;
    }
    return prepared;
  },
  async rules(review, { em, existing }) {
    const violations: FieldViolation[] = [];
    const today = todayInVietnam();
    if (review.year > THIS_YEAR()) {
      violations.push({ field: 'year', rule: 'notInFuture', message: 'must not be a future year' });
    }
    if (review.reviewDate) {
      if (Number(review.reviewDate.slice(0, 4)) !== review.year)
        violations.push({
          field: 'reviewDate',
          rule: 'inReviewYear',
          message: 'must fall in the review year',
          params: { year: review.year },
        });
      else if (review.reviewDate > today)
        violations.push({ field: 'reviewDate', rule: 'notInFuture', message: 'is in the future' });
    }
    const inForce = await standardsInForce(em, review.year);
    if (!review.standardId)
      violations.push({
        field: 'standardId',
        rule: 'inForceInYear',
        message: `no poverty standard is in force in ${review.year}`,
        params: { year: review.year },
      });
    else if (!inForce.some((s) => s.id === review.standardId))
      violations.push({
        field: 'standardId',
        rule: 'inForceInYear',
        message: `must be a poverty standard in force in ${review.year}`,
        params: { year: review.year, allowed: inForce.map((s) => s.id) },
      });
    const same: { id: string }[] = await em.query(
      'SELECT id FROM poverty_reviews WHERE household_id = $1 AND year = $2 AND id <> coalesce($3::uuid, gen_random_uuid())',
      [review.householdId, review.year, existing?.id ?? null],
    );
    if (same.length > 0) {
      violations.push({
        field: 'year',
        rule: 'oncePerYear',
        message: 'this household already has a review for that year',
      });
    }
    return violations;
  },
  async afterWrite({ before, after }, { em }) {
    const dayOf = (r: PovertyReview) => r.reviewDate ?? `${r.year}-12-31`;
    if (before && after && before.householdId === after.householdId) {
      // Only the finding and its day shape the periods: a note or a standard changes nothing.
      if (dayOf(before) === dayOf(after) && before.result === after.result) return;
      const since = dayOf(before) < dayOf(after) ? dayOf(before) : dayOf(after);
      await deriveCategoryPeriods(em, after.householdId, since);
      return;
    }
    if (before) await deriveCategoryPeriods(em, before.householdId, dayOf(before));
    if (after) await deriveCategoryPeriods(em, after.householdId, dayOf(after));
  },
});

/**
 * The one way to see a full citizen ID: an administrator asks, says why, and the access log keeps
 * it (Law 91/2025: identity numbers are disclosed only when needed, and accountably).
 */
export async function revealIdentity(
  ctx: RequestContext,
  householdMemberId: string,
  reason: string,
) {
  const why = reason.trim();
  if (why.length < 5)
    throw BadInputError.of('reason', 'minLength', 'say why the full number is needed', { min: 5 });
  if (why.length > 1000)
    throw BadInputError.of('reason', 'maxLength', 'must be at most 1000 characters', { max: 1000 });
  const member = isUuid(householdMemberId)
    ? await ctx.db.findOneBy(HouseholdMember, { id: householdMemberId })
    : null;
  if (!member) throw notFound('HouseholdMember', householdMemberId);
  await recordAccess(ctx.db, ctx.user, ctx.req?.ip ?? null, {
    action: 'REVEAL',
    resource: 'HouseholdMember',
    recordIds: [member.id],
    householdIds: [member.householdId],
    reason: why,
  });
  return {
    householdMemberId: member.id,
    citizenId: member.citizenId,
    legacyIdNumber: member.legacyIdNumber,
  };
}

/**
 * Citizen IDs held by more than one member, for administrators to resolve: an agency may enter an
 * ID already registered with another (it cannot know), and the duplicate waits here.
 */
export async function citizenIdDuplicates(ctx: RequestContext) {
  const rows: { citizen_id: string; ids: string[]; changed: Date }[] = await ctx.db.query(
    `SELECT citizen_id, array_agg(id ORDER BY created_at) AS ids, max(updated_at) AS changed
       FROM household_members WHERE citizen_id IS NOT NULL
      GROUP BY citizen_id HAVING count(*) > 1 ORDER BY max(updated_at) DESC, citizen_id`,
  );
  const members = await ctx.loaders
    .byId<HouseholdMember>(HouseholdMember)
    .loadMany(rows.flatMap((row) => row.ids));
  const byId = new Map(
    members.filter((m): m is HouseholdMember => !!m && !(m instanceof Error)).map((m) => [m.id, m]),
  );
  return rows.map((row) => ({
    citizenId: row.citizen_id,
    members: row.ids.map((id) => byId.get(id)!).filter(Boolean),
    lastChangedAt: row.changed,
  }));
}
