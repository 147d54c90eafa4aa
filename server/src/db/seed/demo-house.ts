import type { EntityManager } from 'typeorm';
import { Commitment, CommitmentArea } from '../../modules/commitment/commitment.entity';
import {
  HouseCondition,
  HouseFundingSource,
  HouseProject,
  HouseProjectFunding,
  HouseProjectStage,
} from '../../modules/house-project/house-project.entity';
import { insert } from './demo';

/**
 * The memorandum commits to removing one temporary house ("xóa 1 nhà tạm"); the article says no
 * more. This sample project shows what the commitment looks like as a project: one demo household
 * that needs housing, its surveyed house, a budget by source and its stages up to the start of
 * building. Every name, date and amount here is sample data (mẫu), not a fact of the article; the
 * project is not handed over, so the commitment's progress stays as the article leaves it.
 */
export async function seedHouseProject(em: EntityManager): Promise<void> {
  const commitment = await em.findOneBy(Commitment, {
    area: CommitmentArea.TEMPORARY_HOUSE_REMOVAL,
  });
  const [household] = (await em.query(
    `SELECT id, head_name FROM households WHERE 'HOUSING' = ANY(needs) ORDER BY head_name LIMIT 1`,
  )) as { id: string; head_name: string }[];
  if (!commitment || !household) return;
  const project = await insert(em, HouseProject, {
    title: `Xóa nhà tạm hộ ${household.head_name}`,
    householdId: household.id,
    commitmentId: commitment.id,
    stage: HouseProjectStage.BUILDING,
    estimatedCost: 40_000_000,
    notes: 'Dự án mẫu minh họa nội dung "xóa 1 nhà tạm" của biên bản ghi nhớ (dữ liệu mẫu).',
    assessmentDate: '2014-06-05',
    assessedBy: 'Tổ khảo sát của nhóm giúp đỡ và UBND xã (mẫu)',
    houseCondition: HouseCondition.TEMPORARY,
    wallMaterial: 'Tre, nứa, đất trộn rơm',
    roofMaterial: 'Tôn cũ và lá, dột khi mưa',
    floorMaterial: 'Nền đất',
    floorArea: 24,
    occupants: 5,
    assessmentNotes: 'Nhà tạm một gian, không chống chịu được mưa bão (mẫu).',
    surveyedDate: '2014-06-05',
    surveyedConfirmedBy: 'Trần Văn Khảo (mẫu)',
    surveyedConfirmerPosition: 'Công chức địa chính – xây dựng xã',
    approvedDate: '2014-08-15',
    approvedConfirmedBy: 'Lê Văn Duyệt (mẫu)',
    approvedConfirmerPosition: 'Chủ tịch UBND xã',
    buildingDate: '2014-09-05',
    buildingConfirmedBy: 'Lê Văn Duyệt (mẫu)',
    buildingConfirmerPosition: 'Chủ tịch UBND xã',
  });
  // NOTE: no line from an agency's fund or a donation: the demo's fund ledger holds only the
  // article's three planned disbursements, and a sample entry there would be read as the article's.
  const lines: Partial<HouseProjectFunding>[] = [
    {
      source: HouseFundingSource.STATE_PROGRAMME,
      amount: 25_000_000,
      // Decision 167/2008/QĐ-TTg is the national housing support for poor households (confirmed:
      // baoninhbinh.org.vn); whether this household received it is not known: a sample name only.
      programmeName: 'Chương trình hỗ trợ nhà ở cho hộ nghèo (mẫu)',
    },
    {
      source: HouseFundingSource.HOUSEHOLD_OWN,
      amount: 9_000_000,
      note: 'Hộ tự có và anh em, họ hàng giúp (mẫu).',
    },
    {
      source: HouseFundingSource.WORKDAYS,
      workdays: 60,
      amount: 6_000_000,
      note: 'Đoàn viên thanh niên và bà con thôn góp công, quy 100.000 đồng/ngày công (mẫu).',
    },
  ];
  for (const line of lines)
    await insert(em, HouseProjectFunding, { ...line, projectId: project.id });
}
