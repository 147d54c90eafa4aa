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

/** The month whose dues the demo records as paid: the groups started work in June 2014. */
export const DEMO_DUES_MONTH = '2014-06-01';

/**
 * Each agency's "Quỹ thực hiện Kế hoạch 68" with the article's rates, everyone's June 2014 dues paid
 * at the month's end, and the planned spending the article announces for the joint delegation.
 * "Nguồn kinh phí thu được do từng cơ quan quản lý": each item sits on the fund of the agency that
 * makes it. The article names the items but not which agency pays which: the split here (medicine
 * from the Department of Justice, the gifts from the Bloc Party Committee) is a sample.
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
  // Everyone holding a rated title in the fund's agency on 1 June paid that month's rate.
  await em.query(
    `INSERT INTO contributions (fund_id, staff_member_id, month, paid_date, amount, note)
     SELECT f.id, a.staff_member_id, $1::date, ($1::date + interval '1 month - 1 day')::date,
            r.monthly_amount, 'Đóng góp tháng 6/2014 (dữ liệu mẫu)'
       FROM funds f
       JOIN staff_assignments a ON a.organization_id = f.organization_id
        AND a.valid_from <= $1::date AND (a.valid_to IS NULL OR a.valid_to >= $1::date)
       JOIN contribution_rates r ON r.fund_id = f.id AND r.title_rank = a.title_rank
        AND r.valid_from <= $1::date AND (r.valid_to IS NULL OR r.valid_to >= $1::date)
      WHERE f.id = ANY($2::uuid[])`,
    [DEMO_DUES_MONTH, funds.map((fund) => fund.id)],
  );
  const event = 'Đoàn Đảng ủy khối Các cơ quan tỉnh và Sở Tư pháp về xã Xuân Sơn Bắc';
  const [blocFund, justiceFund] = funds as [Fund, Fund];
  const planned: Partial<Disbursement>[] = [
    {
      purpose: DisbursementPurpose.MEDICINE,
      description: 'Cấp 200 cơ số thuốc (trị giá khoảng 20 triệu đồng)',
      quantity: 200,
      unitAmount: 100_000,
      amount: 20_000_000,
      isEstimate: true,
      fundId: justiceFund.id,
    },
    {
      purpose: DisbursementPurpose.POLICY_FAMILY_GIFTS,
      description: 'Trao 10 suất quà cho 10 hộ chính sách tiêu biểu',
      quantity: 10,
      unitAmount: 500_000,
      amount: 5_000_000,
      fundId: blocFund.id,
    },
    {
      purpose: DisbursementPurpose.POOR_PUPIL_GIFTS,
      description: 'Cấp 20 suất quà cho học sinh nghèo vượt khó học giỏi',
      quantity: 20,
      unitAmount: 300_000,
      amount: 6_000_000,
      fundId: blocFund.id,
    },
  ];
  for (const disbursement of planned) {
    await insert(em, Disbursement, {
      ...disbursement,
      status: DisbursementStatus.PLANNED,
      eventName: event,
    });
  }
}
