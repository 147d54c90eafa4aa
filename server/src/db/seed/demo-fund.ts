import type { EntityManager } from 'typeorm';
import {
  ContributionRate,
  Disbursement,
  DisbursementPurpose,
  DisbursementStatus,
  Fund,
} from '../../modules/fund/fund.entity';
import { type TitleRank } from '../../modules/staff/staff.entity';
import { insert, type DemoProgram } from './demo';

/** The article's schedule: monthly dues by title, in đồng. */
export const DEMO_RATES: Record<TitleRank, number> = {
  DIRECTOR: 150_000,
  DEPUTY_DIRECTOR: 120_000,
  HEAD_OF_DIVISION: 90_000,
  DEPUTY_HEAD_OF_DIVISION: 60_000,
  CIVIL_SERVANT: 30_000,
};

/**
 * Each agency's "Quỹ thực hiện Kế hoạch 68" with the article's rates, and the planned spending the
 * article announces for the joint delegation (kept in the Bloc Party Committee's fund).
 */
export async function seedFunds(em: EntityManager, program: DemoProgram & { planId: string }) {
  const funds: Fund[] = [];
  for (const [organizationId, label] of [
    [program.blocId, 'Đảng ủy khối Các cơ quan tỉnh'],
    [program.justiceId, 'Sở Tư pháp Phú Yên'],
  ] as const) {
    const fund = await insert(em, Fund, {
      name: `Quỹ thực hiện Kế hoạch 68 – ${label}`,
      organizationId,
      planId: program.planId,
    });
    for (const [titleRank, monthlyAmount] of Object.entries(DEMO_RATES)) {
      await insert(em, ContributionRate, {
        fundId: fund.id,
        titleRank: titleRank as TitleRank,
        monthlyAmount,
        validFrom: '2014-01-01',
      });
    }
    funds.push(fund);
  }
  const event = 'Đoàn Đảng ủy khối Các cơ quan tỉnh và Sở Tư pháp về xã Xuân Sơn Bắc';
  const planned: Partial<Disbursement>[] = [
    {
      purpose: DisbursementPurpose.MEDICINE,
      description: 'Cấp 200 cơ số thuốc (trị giá khoảng 20 triệu đồng)',
      quantity: 200,
      unitAmount: 100_000,
      amount: 20_000_000,
      isEstimate: true,
    },
    {
      purpose: DisbursementPurpose.POLICY_FAMILY_GIFTS,
      description: 'Trao 10 suất quà cho 10 hộ chính sách tiêu biểu',
      quantity: 10,
      unitAmount: 500_000,
      amount: 5_000_000,
    },
    {
      purpose: DisbursementPurpose.POOR_PUPIL_GIFTS,
      description: 'Cấp 20 suất quà cho học sinh nghèo vượt khó học giỏi',
      quantity: 20,
      unitAmount: 300_000,
      amount: 6_000_000,
    },
  ];
  for (const disbursement of planned) {
    await insert(em, Disbursement, {
      ...disbursement,
      fundId: funds[0]!.id,
      status: DisbursementStatus.PLANNED,
      eventName: event,
    });
  }
}
