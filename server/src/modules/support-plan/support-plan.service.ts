import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import { scopes } from '../../common/crud/scopes';
import type { FieldViolation } from '../../common/errors';
import { todayInVietnam } from '../../common/time';
import { Household } from '../household/household.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { groupHelpsHousehold } from '../support-group/support-group.service';
import { SupportPlan, SupportPlanStatus, SupportPlanStep } from './support-plan.entity';

const notInFuture = (field: string, date: string | null): FieldViolation[] => {
  const today = todayInVietnam();
  return date && date > today
    ? [
        {
          field,
          rule: 'notInFuture',
          message: `must not be after today (${today})`,
          params: { max: today },
        },
      ]
    : [];
};

export const supportPlanService = new CrudService<SupportPlan>({
  entity: SupportPlan,
  name: 'SupportPlan',
  scope: (r) => scopes.group(`${r}.group_id`),
  countsWithScopedPage: true,
  scopeField: 'groupId',
  fields: {
    groupId: f.ref(() => SupportGroup, 'SupportGroup', 'group'),
    householdId: f.ref(() => Household, 'Household', 'household'),
    title: f.text({ max: 500 }),
    measures: f.longText({ optional: true }),
    goals: f.longText({ optional: true }),
    registeredDate: f.date({ optional: true }),
    status: f.enumOf(SupportPlanStatus, 'SupportPlanStatus'),
  },
  searchColumns: ['title', 'measures', 'goals'],
  defaultSort: { field: 'createdAt', order: 'DESC' },
  async rules(plan, { em }) {
    const violations = notInFuture('registeredDate', plan.registeredDate);
    if (!(await groupHelpsHousehold(em, plan.groupId, plan.householdId))) {
      violations.push({
        field: 'householdId',
        rule: 'helpedByGroup',
        message: 'the group does not help this household',
      });
    }
    if (
      plan.status !== SupportPlanStatus.DRAFT &&
      plan.status !== SupportPlanStatus.CANCELLED &&
      !plan.registeredDate
    ) {
      violations.push({
        field: 'registeredDate',
        rule: 'requiredOnceRegistered',
        message: 'is required once the plan is registered with the Party Committee',
      });
    }
    return violations;
  },
});

export const supportPlanStepService = new CrudService<SupportPlanStep>({
  entity: SupportPlanStep,
  name: 'SupportPlanStep',
  scope: (r) => scopes.supportPlan(`${r}.support_plan_id`),
  countsWithScopedPage: true,
  scopeField: 'supportPlanId',
  fields: {
    supportPlanId: f.ref(() => SupportPlan, 'SupportPlan', 'supportPlan'),
    position: f.int({ optional: true, min: 0, max: 1000, defaultValue: 0 }),
    description: f.longText(),
    plannedDate: f.date({ optional: true }),
    doneDate: f.date({ optional: true }),
  },
  searchColumns: ['description'],
  defaultSort: { field: 'position', order: 'ASC' },
  rules: (step) => notInFuture('doneDate', step.doneDate),
});
