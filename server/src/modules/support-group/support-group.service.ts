import { groupInArea } from '../../common/crud/unit-area';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import type { FieldViolation } from '../../common/errors';
import { VIETNAM_TODAY_SQL } from '../../common/time';
import { Household } from '../household/household.entity';
import { Organization } from '../organization/organization.entity';
import { Partnership } from '../partnership/partnership.entity';
import { StaffMember } from '../staff/staff.entity';
import { SupportGroup } from './support-group.entity';
import { withoutRecentVisitSql } from './stale-groups';

class SupportGroupService extends CrudService<SupportGroup> {
  /** `withoutRecentVisit`: the groups the dashboard counts as gone quiet. */
  protected override customFilter(
    qb: SelectQueryBuilder<SupportGroup>,
    key: string,
    value: unknown,
    param: string,
  ) {
    if (key === 'withoutRecentVisit') {
      const quiet = withoutRecentVisitSql('r', VIETNAM_TODAY_SQL);
      qb.andWhere(value === false ? `NOT ${quiet}` : quiet);
    } else super.customFilter(qb, key, value, param);
  }
}

export const supportGroupService = new SupportGroupService({
  entity: SupportGroup,
  name: 'SupportGroup',
  scope: (r) => scopes.groupRow(r),
  countsWithScopedPage: true,
  writeScope: (r) => scopes.organization(`${r}.organization_id`),
  ownerField: 'organizationId',
  unitOf: (r, area) => groupInArea(`${r}.id`, area),
  fields: {
    name: f.text(),
    organizationId: f.ref(() => Organization, 'Organization', 'organization'),
    partnershipId: f.ref(() => Partnership, 'Partnership', 'partnership'),
    formedDate: f.date({ optional: true }),
    leaderId: f.ref(() => StaffMember, 'StaffMember', 'leader', { optional: true }),
    memberIds: f.refs(() => StaffMember, 'StaffMember', 'members', {
      table: 'support_group_members',
      ownerColumn: 'support_group_id',
      targetColumn: 'staff_member_id',
      filterName: 'memberId',
    }),
    householdIds: f.refs(
      () => Household,
      'Household',
      'households',
      {
        table: 'support_group_households',
        ownerColumn: 'support_group_id',
        targetColumn: 'household_id',
        filterName: 'householdId',
      },
      { optional: true },
    ),
    notes: f.longText({ optional: true }),
  },
  searchColumns: ['name'],
  defaultSort: { field: 'name', order: 'ASC' },
  async rules(group, { em, existing, lists }) {
    const violations: FieldViolation[] = [];
    const memberIds = lists.memberIds ?? (existing ? await memberIdsOf(em, existing.id) : []);
    const outsiders: { id: string }[] = await em.query(
      'SELECT id FROM staff_members WHERE id = ANY($1::uuid[]) AND organization_id <> $2',
      [memberIds, group.organizationId],
    );
    if (outsiders.length > 0) {
      violations.push({
        field: 'memberIds',
        rule: 'sameOrganization',
        message: "members must be staff of the group's organization",
        params: { ids: outsiders.map((o) => o.id) },
      });
    }
    if (group.leaderId && !memberIds.includes(group.leaderId)) {
      violations.push({
        field: 'leaderId',
        rule: 'leaderIsMember',
        message: 'the leader must be one of the members',
      });
    }
    const sponsor: unknown[] = await em.query(
      'SELECT 1 FROM partnership_sponsors WHERE partnership_id = $1 AND organization_id = $2',
      [group.partnershipId, group.organizationId],
    );
    if (sponsor.length === 0) {
      violations.push({
        field: 'organizationId',
        rule: 'sponsorOfPartnership',
        message: 'the organization must sponsor the partnership',
      });
    }
    return violations;
  },
});

async function memberIdsOf(em: EntityManager, groupId: string): Promise<string[]> {
  const rows: { id: string }[] = await em.query(
    'SELECT staff_member_id AS id FROM support_group_members WHERE support_group_id = $1',
    [groupId],
  );
  return rows.map((r) => r.id);
}

/** Whether a group helps a household (visits and plans are only for the group's households). */
export async function groupHelpsHousehold(em: EntityManager, groupId: string, householdId: string) {
  const rows: unknown[] = await em.query(
    'SELECT 1 FROM support_group_households WHERE support_group_id = $1 AND household_id = $2',
    [groupId, householdId],
  );
  return rows.length > 0;
}
