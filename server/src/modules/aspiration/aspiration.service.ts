import { householdInArea } from '../../common/crud/unit-area';
import type { SelectQueryBuilder } from 'typeorm';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import type { FieldViolation } from '../../common/errors';
import { todayInVietnam, VIETNAM_TODAY_SQL } from '../../common/time';
import { Household } from '../household/household.entity';
import { Organization } from '../organization/organization.entity';
import { Visit } from '../visit/visit.entity';
import {
  ASPIRATION_TRANSITIONS,
  Aspiration,
  AspirationStatus,
  OPEN_ASPIRATION_STATUSES,
} from './aspiration.entity';
import { ageBucketPredicate } from './aspiration-age';

const ANSWERED = [AspirationStatus.ANSWERED, AspirationStatus.RESOLVED, AspirationStatus.DECLINED];

/** The lifecycle rules: allowed transitions, and the facts each status needs. */
export function aspirationViolations(
  aspiration: Aspiration,
  previous: AspirationStatus | null,
): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const today = todayInVietnam();
  if (previous === null && aspiration.status !== AspirationStatus.RECORDED) {
    violations.push({
      field: 'status',
      rule: 'startsRecorded',
      message: 'a new aspiration starts as RECORDED',
    });
  }
  if (
    previous !== null &&
    previous !== aspiration.status &&
    !ASPIRATION_TRANSITIONS[previous].includes(aspiration.status)
  ) {
    violations.push({
      field: 'status',
      rule: 'transition',
      message: `cannot go from ${previous} to ${aspiration.status}`,
      params: { from: previous, to: aspiration.status, allowed: ASPIRATION_TRANSITIONS[previous] },
    });
  }
  for (const field of ['recordedDate', 'forwardedDate', 'responseDate'] as const) {
    const date = aspiration[field];
    if (date && date > today)
      violations.push({
        field,
        rule: 'notInFuture',
        message: `must not be after today (${today})`,
      });
  }
  const forwarded = aspiration.status !== AspirationStatus.RECORDED;
  if (forwarded && !aspiration.authorityId) {
    violations.push({
      field: 'authorityId',
      rule: 'requiredWhenForwarded',
      message: 'is required once forwarded',
    });
  }
  if (forwarded && !aspiration.forwardedDate) {
    violations.push({
      field: 'forwardedDate',
      rule: 'requiredWhenForwarded',
      message: 'is required once forwarded',
    });
  }
  if (aspiration.forwardedDate && aspiration.forwardedDate < aspiration.recordedDate) {
    violations.push({
      field: 'forwardedDate',
      rule: 'afterRecordedDate',
      message: 'must not be before recordedDate',
    });
  }
  if (ANSWERED.includes(aspiration.status)) {
    if (!aspiration.response)
      violations.push({
        field: 'response',
        rule: 'requiredWhenAnswered',
        message: 'is required once answered',
      });
    if (!aspiration.responseDate) {
      violations.push({
        field: 'responseDate',
        rule: 'requiredWhenAnswered',
        message: 'is required once answered',
      });
    }
  }
  if (
    aspiration.responseDate &&
    aspiration.forwardedDate &&
    aspiration.responseDate < aspiration.forwardedDate
  ) {
    violations.push({
      field: 'responseDate',
      rule: 'afterForwardedDate',
      message: 'must not be before forwardedDate',
    });
  }
  return violations;
}

class AspirationService extends CrudService<Aspiration> {
  /** `open`: not yet resolved or declined; `ageBucket`: open for that many days (the dashboard's figures). */
  protected override customFilter(
    qb: SelectQueryBuilder<Aspiration>,
    key: string,
    value: unknown,
    param: string,
  ) {
    if (key === 'open') {
      qb.andWhere(`r.status ${value === false ? '<>' : '='} ANY(:${param})`, {
        [param]: OPEN_ASPIRATION_STATUSES,
      });
    } else if (key === 'ageBucket') {
      qb.andWhere(ageBucketPredicate('r', value, VIETNAM_TODAY_SQL));
    } else super.customFilter(qb, key, value, param);
  }
}

export const aspirationService = new AspirationService({
  entity: Aspiration,
  name: 'Aspiration',
  scope: (r) => scopes.household(`${r}.household_id`),
  countsWithScopedPage: true,
  scopeField: 'householdId',
  unitOf: (r, area) => householdInArea(`${r}.household_id`, area),
  fields: {
    householdId: f.ref(() => Household, 'Household', 'household'),
    visitId: f.ref(() => Visit, 'Visit', 'visit', { optional: true }),
    content: f.longText(),
    status: f.enumOf(AspirationStatus, 'AspirationStatus'),
    recordedDate: f.date(),
    authorityId: f.ref(() => Organization, 'Organization', 'authority', { optional: true }),
    forwardedDate: f.date({ optional: true }),
    response: f.longText({ optional: true }),
    responseDate: f.date({ optional: true }),
  },
  searchColumns: ['content', 'response'],
  defaultSort: { field: 'recordedDate', order: 'DESC' },
  async rules(aspiration, { em, existing }) {
    const violations = aspirationViolations(aspiration, existing?.status ?? null);
    if (aspiration.visitId) {
      const visit = await em.findOneBy(Visit, { id: aspiration.visitId });
      if (visit && visit.householdId !== aspiration.householdId) {
        violations.push({
          field: 'visitId',
          rule: 'sameHousehold',
          message: 'the visit was to another household',
        });
      }
    }
    return violations;
  },
});
