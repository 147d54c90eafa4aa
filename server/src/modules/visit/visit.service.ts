import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import type { FieldViolation } from '../../common/errors';
import { todayInVietnam } from '../../common/time';
import { Household } from '../household/household.entity';
import { StaffMember } from '../staff/staff.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { groupHelpsHousehold } from '../support-group/support-group.service';
import { Visit } from './visit.entity';

export const visitService = new CrudService<Visit>({
  entity: Visit,
  name: 'Visit',
  scope: (r) => scopes.group(`${r}.group_id`),
  countsWithScopedPage: true,
  scopeField: 'groupId',
  fields: {
    groupId: f.ref(() => SupportGroup, 'SupportGroup', 'group'),
    householdId: f.ref(() => Household, 'Household', 'household'),
    visitDate: f.date(),
    participantIds: f.refs(
      () => StaffMember,
      'StaffMember',
      'participants',
      {
        table: 'visit_participants',
        ownerColumn: 'visit_id',
        targetColumn: 'staff_member_id',
        filterName: 'participantId',
      },
      { optional: true },
    ),
    findings: f.longText({ optional: true }),
  },
  searchColumns: ['findings'],
  defaultSort: { field: 'visitDate', order: 'DESC' },
  async rules(visit, { em, lists, existing }) {
    const violations: FieldViolation[] = [];
    const today = todayInVietnam();
    if (visit.visitDate > today) {
      violations.push({
        field: 'visitDate',
        rule: 'notInFuture',
        message: `must not be after today (${today})`,
        params: { max: today },
      });
    }
    const group = await em.findOneBy(SupportGroup, { id: visit.groupId });
    if (group?.formedDate && visit.visitDate < group.formedDate) {
      violations.push({
        field: 'visitDate',
        rule: 'afterGroupFormed',
        message: `must not be before the group was formed (${group.formedDate})`,
        params: { min: group.formedDate },
      });
    }
    if (!(await groupHelpsHousehold(em, visit.groupId, visit.householdId))) {
      violations.push({
        field: 'householdId',
        rule: 'helpedByGroup',
        message: 'the group does not help this household',
      });
    }
    // NOTE: moving a visit to another group re-checks the participants already recorded.
    const participants =
      lists.participantIds ??
      (existing
        ? (
            (await em.query(
              'SELECT staff_member_id AS id FROM visit_participants WHERE visit_id = $1',
              [existing.id],
            )) as { id: string }[]
          ).map((p) => p.id)
        : []);
    // A visit is the group's members going to the household: one with nobody is not a visit.
    if (participants.length === 0) {
      violations.push({
        field: 'participantIds',
        rule: 'atLeastOneParticipant',
        message: 'at least one member of the group must have taken part',
      });
    } else {
      const members: { id: string }[] = await em.query(
        'SELECT staff_member_id AS id FROM support_group_members WHERE support_group_id = $1',
        [visit.groupId],
      );
      if (participants.some((id) => !members.some((m) => m.id === id))) {
        violations.push({
          field: 'participantIds',
          rule: 'groupMembers',
          message: 'participants must be members of the group',
        });
      }
    }
    return violations;
  },
});
