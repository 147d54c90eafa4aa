import type { FieldViolation } from '../../common/errors';
import {
  HOUSE_PROJECT_STAGES,
  HouseFundingSource,
  type HouseProjectStage,
  STAGE_PREFIX,
  type HouseProject,
  type HouseProjectFunding,
} from './house-project.entity';

/** The stage after `stage`, or null after the handover. */
export function nextStage(stage: HouseProjectStage): HouseProjectStage | null {
  return HOUSE_PROJECT_STAGES[HOUSE_PROJECT_STAGES.indexOf(stage) + 1] ?? null;
}

/** The date a stage was confirmed on, from the project's columns. */
export function stageDate(project: HouseProject, stage: HouseProjectStage): string | null {
  return (
    (project as unknown as Record<string, string | null>)[`${STAGE_PREFIX[stage]}Date`] ?? null
  );
}

/** An assessment counts once it says when, by whom, and in what condition the house is. */
export const ASSESSMENT_REQUIRED = ['assessmentDate', 'assessedBy', 'houseCondition'] as const;

export function missingAssessment(project: HouseProject): FieldViolation[] {
  return ASSESSMENT_REQUIRED.filter((field) => project[field] == null).map((field) => ({
    field,
    rule: 'assessmentBeforeApproval',
    message:
      'the assessment of the house (date, who assessed, condition) is needed before approval',
  }));
}

/**
 * The budget's total: every line's amount. Workdays count by the value given to them; workdays
 * without a value are recorded but add nothing (their worth was not agreed in money).
 */
export function budgetTotal(lines: Pick<HouseProjectFunding, 'amount'>[]): number {
  return lines.reduce((sum, line) => sum + (line.amount ?? 0), 0);
}

/**
 * Approval needs the budget to cover the estimated cost: total ≥ estimated cost. A budget beyond
 * the cost is allowed (the household keeps the difference for furnishing, say).
 */
export function budgetViolations(project: HouseProject, total: number): FieldViolation[] {
  return total >= project.estimatedCost
    ? []
    : [
        {
          field: 'estimatedCost',
          rule: 'budgetCoversCost',
          message: `the budget (${total} đồng) does not cover the estimated cost (${project.estimatedCost} đồng)`,
          params: {
            total,
            estimatedCost: project.estimatedCost,
            missing: project.estimatedCost - total,
          },
        },
      ];
}

/** What a budget line of each source must, and must not, say. */
export function fundingLineViolations(line: HouseProjectFunding): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const need = (field: keyof HouseProjectFunding, when: HouseFundingSource) => {
    if (line.source === when && line[field] == null)
      violations.push({
        field,
        rule: 'requiredForSource',
        message: `is required for ${when}`,
        params: { source: when },
      });
    if (line.source !== when && line[field] != null)
      violations.push({
        field,
        rule: 'onlyForSource',
        message: `belongs to ${when} lines only`,
        params: { source: when },
      });
  };
  need('disbursementId', HouseFundingSource.AGENCY_FUND);
  need('donationId', HouseFundingSource.DONATION);
  need('programmeName', HouseFundingSource.STATE_PROGRAMME);
  need('workdays', HouseFundingSource.WORKDAYS);
  if (line.source !== HouseFundingSource.WORKDAYS && line.amount == null)
    violations.push({ field: 'amount', rule: 'required', message: 'is required' });
  if (line.source !== HouseFundingSource.WORKDAYS && line.amount !== null && line.amount <= 0)
    violations.push({ field: 'amount', rule: 'positive', message: 'must be more than 0' });
  return violations;
}
