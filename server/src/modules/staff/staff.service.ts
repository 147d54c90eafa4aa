import type { RequestContext } from '../../common/context';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import type { FieldViolation } from '../../common/errors';
import { todayInVietnam } from '../../common/time';
import { Organization } from '../organization/organization.entity';
import { StaffAssignment, StaffMember, TitleRank } from './staff.entity';

export const staffMemberService = new CrudService<StaffMember>({
  entity: StaffMember,
  name: 'StaffMember',
  scope: (r) => scopes.staffRow(r),
  countsWithScopedPage: true,
  writeScope: (r) => scopes.organization(`${r}.organization_id`),
  ownerField: 'organizationId',
  fields: {
    fullName: f.text(),
    organizationId: f.ref(() => Organization, 'Organization', 'organization'),
    position: f.text({ optional: true }),
    partyMember: f.bool({ optional: true, defaultValue: false }),
    active: f.bool({ optional: true, defaultValue: true }),
  },
  searchColumns: ['fullName', 'position'],
  defaultSort: { field: 'fullName', order: 'ASC' },
});

export const staffAssignmentService = new CrudService<StaffAssignment>({
  entity: StaffAssignment,
  name: 'StaffAssignment',
  scope: (r) => scopes.staff(`${r}.staff_member_id`),
  countsWithScopedPage: true,
  writeScope: (r) => scopes.agencyStaff(`${r}.staff_member_id`),
  ownerField: 'organizationId',
  scopeField: 'staffMemberId',
  fields: {
    staffMemberId: f.ref(() => StaffMember, 'StaffMember', 'staffMember'),
    organizationId: f.ref(() => Organization, 'Organization', 'organization'),
    titleRank: f.enumOf(TitleRank, 'TitleRank'),
    validFrom: f.date(),
    validTo: f.date({ optional: true }),
  },
  searchColumns: [],
  defaultSort: { field: 'validFrom', order: 'DESC' },
  async rules(assignment, { em, existing }) {
    const violations: FieldViolation[] = [];
    if (assignment.validTo && assignment.validTo < assignment.validFrom) {
      violations.push({
        field: 'validTo',
        rule: 'afterValidFrom',
        message: 'must not be before validFrom',
      });
      return violations;
    }
    const overlapping: { id: string }[] = await em.query(
      `SELECT id FROM staff_assignments
        WHERE staff_member_id = $1 AND id <> coalesce($4::uuid, '00000000-0000-0000-0000-000000000000')
          AND daterange(valid_from, valid_to, '[]') && daterange($2::date, $3::date, '[]')`,
      [assignment.staffMemberId, assignment.validFrom, assignment.validTo, existing?.id ?? null],
    );
    if (overlapping.length > 0) {
      violations.push({
        field: 'validFrom',
        rule: 'noOverlap',
        message: 'overlaps another title period of the same person; close that one first',
      });
    }
    return violations;
  },
});

/** The title periods of each person, oldest first, batched for one response. */
export function assignmentsOf(ctx: RequestContext) {
  return ctx.loaders.childrenOf<StaffAssignment>(StaffAssignment, 'staffMemberId', {
    validFrom: 'ASC',
  });
}

/** The assignment in force on a date (YYYY-MM-DD), if any. */
export function assignmentOn(assignments: StaffAssignment[], date: string = todayInVietnam()) {
  return (
    assignments.find((a) => a.validFrom <= date && (a.validTo === null || a.validTo >= date)) ??
    null
  );
}
