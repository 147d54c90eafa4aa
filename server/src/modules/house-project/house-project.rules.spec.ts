import { describe, expect, it } from 'vitest';
import {
  HouseFundingSource,
  HouseProjectStage,
  type HouseProject,
  type HouseProjectFunding,
} from './house-project.entity';
import {
  budgetTotal,
  budgetViolations,
  fundingLineViolations,
  missingAssessment,
  nextStage,
} from './house-project.rules';

const line = (values: Partial<HouseProjectFunding>) =>
  ({
    amount: null,
    disbursementId: null,
    donationId: null,
    programmeName: null,
    workdays: null,
    ...values,
  }) as HouseProjectFunding;
const rules = (values: Partial<HouseProjectFunding>) =>
  fundingLineViolations(line(values)).map((v) => `${v.field}:${v.rule}`);

describe('house project stages', () => {
  it('go forward one step at a time and end at the handover', () => {
    expect(nextStage(HouseProjectStage.SURVEYED)).toBe('APPROVED');
    expect(nextStage(HouseProjectStage.APPROVED)).toBe('BUILDING');
    expect(nextStage(HouseProjectStage.BUILDING)).toBe('HANDED_OVER');
    expect(nextStage(HouseProjectStage.HANDED_OVER)).toBeNull();
  });

  it('need the date, the assessor and the condition of the house before approval', () => {
    const project = { assessmentDate: '2014-06-05', assessedBy: null, houseCondition: null };
    expect(missingAssessment(project as unknown as HouseProject).map((v) => v.field)).toEqual([
      'assessedBy',
      'houseCondition',
    ]);
  });
});

describe('a house budget', () => {
  it('totals its amounts, workdays by their value only', () => {
    expect(budgetTotal([{ amount: 20_000_000 }, { amount: null }, { amount: 3_000_000 }])).toBe(
      23_000_000,
    );
  });

  it('covers the estimated cost when the total reaches it, and says what is missing', () => {
    const project = { estimatedCost: 40_000_000 } as HouseProject;
    expect(budgetViolations(project, 40_000_000)).toEqual([]);
    expect(budgetViolations(project, 39_999_999)[0]).toMatchObject({
      field: 'estimatedCost',
      rule: 'budgetCoversCost',
      params: { missing: 1 },
    });
  });

  it('asks each source for what it needs and nothing else', () => {
    expect(rules({ source: HouseFundingSource.AGENCY_FUND, amount: 1 })).toEqual([
      'disbursementId:requiredForSource',
    ]);
    expect(rules({ source: HouseFundingSource.DONATION, amount: 1, donationId: 'd' })).toEqual([]);
    expect(
      rules({ source: HouseFundingSource.HOUSEHOLD_OWN, amount: 1, programmeName: 'X' }),
    ).toEqual(['programmeName:onlyForSource']);
    expect(rules({ source: HouseFundingSource.WORKDAYS, workdays: 10 })).toEqual([]);
    expect(rules({ source: HouseFundingSource.STATE_PROGRAMME, programmeName: 'X' })).toEqual([
      'amount:required',
    ]);
    expect(rules({ source: HouseFundingSource.HOUSEHOLD_OWN, amount: 0 })).toEqual([
      'amount:positive',
    ]);
  });
});
