import type { DataSource, EntityManager } from 'typeorm';
import { logger } from '../../common/logger';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../../modules/administrative-unit/administrative-unit.entity';
import { Commitment, CommitmentArea } from '../../modules/commitment/commitment.entity';
import {
  InformationRequest,
  InformationRequestRecipient,
  InformationRequestStatus,
  InformationTopic,
} from '../../modules/information-request/information-request.entity';
import {
  CounterpartResponsibility,
  Memorandum,
  MemorandumParty,
} from '../../modules/memorandum/memorandum.entity';
import { Organization, OrganizationKind } from '../../modules/organization/organization.entity';
import { Partnership, PartnershipSponsor } from '../../modules/partnership/partnership.entity';
import { Plan } from '../../modules/plan/plan.entity';
import { seedApprovals } from './demo-approvals';
import { seedFunds } from './demo-fund';
import { seedCriteria } from './demo-criteria';
import { seedHouseProject } from './demo-house';
import { seedGroupsAndHouseholds } from './demo-households';
import { seedUnitReform } from './demo-units';

/**
 * The Plan 68 scenario from Báo Phú Yên, 22/07/2014 (shared/seed/plan-68-article.vi.txt). Facts come
 * from the article; anything it does not say (dates of requests, official codes) is left empty
 * rather than invented; people and households are fictional and marked as sample data (mẫu).
 */
export const DEMO = {
  planCode: '68-KH/TU',
  partnershipDate: '2014-04-22',
  communeName: 'Xuân Sơn Bắc',
} as const;

export async function insert<T extends object>(
  em: EntityManager,
  entity: new () => T,
  values: Partial<T>,
): Promise<T> {
  const result = await em.insert(entity, values as never);
  return { ...values, id: (result.identifiers[0] as { id: string }).id } as T;
}

export interface DemoProgram {
  planId: string;
  partnershipId: string;
  blocId: string;
  justiceId: string;
  communeId: string;
  communePcId: string;
  provinceId: string;
  districtId: string;
}

export async function seedDemoIfEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM plans')) as {
    count: number;
  }[];
  if (count > 0) return false;
  await db.transaction((em) => seedDemo(em));
  logger.info('loaded the Plan 68 demo data');
  return true;
}

export async function seedDemo(em: EntityManager): Promise<void> {
  const program = await seedProgram(em);
  await seedGroupsAndHouseholds(em, program);
  await seedFunds(em, program);
  await seedUnitReform(em, program);
  await seedCriteria(em, program);
  await seedApprovals(em, program);
  await seedHouseProject(em);
}

/** The plan, partnership, information requests and memorandum (article, first part). */
async function seedProgram(em: EntityManager): Promise<DemoProgram> {
  const unit = (
    level: AdministrativeLevel,
    name: string,
    parentId: string | null,
    validTo: string | null = null,
  ) => insert(em, AdministrativeUnit, { level, name, parentId, validTo });
  // The 2025 reform merged Phú Yên into Đắk Lắk and abolished districts from 01/07/2025.
  const province = await unit(AdministrativeLevel.PROVINCE, 'Phú Yên', null, '2025-06-30');
  const district = await unit(AdministrativeLevel.DISTRICT, 'Đồng Xuân', province.id, '2025-06-30');
  const commune = await unit(AdministrativeLevel.COMMUNE, DEMO.communeName, district.id);

  const org = (
    name: string,
    shortName: string,
    kind: OrganizationKind,
    level: AdministrativeLevel,
    unitId: string,
  ) => insert(em, Organization, { name, shortName, kind, level, administrativeUnitId: unitId });
  const standing = await org(
    'Ban Thường vụ Tỉnh ủy Phú Yên',
    'BTV Tỉnh ủy',
    OrganizationKind.PARTY_COMMITTEE,
    AdministrativeLevel.PROVINCE,
    province.id,
  );
  const bloc = await org(
    'Đảng ủy khối Các cơ quan tỉnh',
    'ĐUK Các cơ quan tỉnh',
    OrganizationKind.PARTY_COMMITTEE,
    AdministrativeLevel.PROVINCE,
    province.id,
  );
  const justice = await org(
    'Sở Tư pháp Phú Yên',
    'Sở Tư pháp',
    OrganizationKind.STATE_AGENCY,
    AdministrativeLevel.PROVINCE,
    province.id,
  );
  const districtParty = await org(
    'Huyện ủy Đồng Xuân',
    'Huyện ủy',
    OrganizationKind.PARTY_COMMITTEE,
    AdministrativeLevel.DISTRICT,
    district.id,
  );
  const districtPc = await org(
    'UBND huyện Đồng Xuân',
    'UBND huyện',
    OrganizationKind.PEOPLES_COMMITTEE,
    AdministrativeLevel.DISTRICT,
    district.id,
  );
  const communeParty = await org(
    'Đảng ủy xã Xuân Sơn Bắc',
    'Đảng ủy xã',
    OrganizationKind.PARTY_COMMITTEE,
    AdministrativeLevel.COMMUNE,
    commune.id,
  );
  const communePc = await org(
    'UBND xã Xuân Sơn Bắc',
    'UBND xã',
    OrganizationKind.PEOPLES_COMMITTEE,
    AdministrativeLevel.COMMUNE,
    commune.id,
  );

  const plan = await insert(em, Plan, {
    code: DEMO.planCode,
    title:
      'Kế hoạch triển khai mô hình “Cơ quan, đơn vị giúp đỡ xã, thôn (buôn) khó khăn và cán bộ, đảng viên, công chức, viên chức giúp đỡ hộ nghèo”',
    modelName:
      'Cơ quan, đơn vị giúp đỡ xã, thôn (buôn) khó khăn và cán bộ, đảng viên, công chức, viên chức giúp đỡ hộ nghèo',
    issuerId: standing.id,
  });

  const partnership = await insert(em, Partnership, {
    name: 'Đảng ủy khối Các cơ quan tỉnh và Sở Tư pháp giúp đỡ xã Xuân Sơn Bắc',
    planId: plan.id,
    communeId: commune.id,
    coordinationPlanDate: DEMO.partnershipDate,
    notes: 'Lãnh đạo hai cơ quan thống nhất kế hoạch phối hợp giúp đỡ xã ngày 22/4/2014.',
  });
  await em.insert(PartnershipSponsor, [
    { partnershipId: partnership.id, organizationId: bloc.id },
    { partnershipId: partnership.id, organizationId: justice.id },
  ]);

  const recipients = [districtParty, districtPc, communeParty, communePc];
  const requests: [InformationTopic, string][] = [
    [InformationTopic.COMMUNE_CHARACTERISTICS, 'Đặc điểm tình hình của xã.'],
    [InformationTopic.POLITICAL_SYSTEM, 'Hoạt động của hệ thống Đảng, chính quyền, đoàn thể.'],
    [
      InformationTopic.POLICY_FAMILIES_AND_POOR_HOUSEHOLDS,
      'Danh sách các gia đình chính sách, hộ nghèo theo từng thôn.',
    ],
  ];
  for (const [topic, details] of requests) {
    const request = await insert(em, InformationRequest, {
      partnershipId: partnership.id,
      topic,
      details,
      status: InformationRequestStatus.RECEIVED,
    });
    await em.insert(
      InformationRequestRecipient,
      recipients.map((r) => ({ informationRequestId: request.id, organizationId: r.id })),
    );
  }

  const memorandum = await insert(em, Memorandum, {
    partnershipId: partnership.id,
    title: 'Biên bản ghi nhớ về triển khai mô hình giúp đỡ xã nghèo',
    notes:
      'Ký giữa Đảng ủy khối Các cơ quan tỉnh, Sở Tư pháp và Đảng ủy xã Xuân Sơn Bắc, huyện Đồng Xuân.',
  });
  await em.insert(
    MemorandumParty,
    [bloc, justice, communeParty].map((o) => ({
      memorandumId: memorandum.id,
      organizationId: o.id,
    })),
  );

  const commitments: Partial<Commitment>[] = [
    {
      area: CommitmentArea.THEMATIC_SESSIONS,
      title: 'Giúp Đảng ủy xã tổ chức tốt việc sinh hoạt chuyên đề',
      targetCriterion: 'Đảng ủy xã tổ chức tốt sinh hoạt chuyên đề',
      responsibleOrganizationId: bloc.id,
    },
    ...[
      'Xây dựng tủ sách pháp luật',
      'Trợ giúp pháp lý',
      'Tuyên truyền pháp luật',
      'Ban hành văn bản quy phạm pháp luật',
      'Đăng ký, quản lý hộ tịch',
      'Chứng thực',
    ].map((title) => ({
      area: CommitmentArea.LEGAL_SUPPORT,
      title,
      responsibleOrganizationId: justice.id,
    })),
    {
      area: CommitmentArea.MASS_ORGANIZATIONS,
      title: 'Nâng cao chất lượng hoạt động và phong trào các hội, đoàn thể',
      targetCriterion: 'Chất lượng hoạt động và phong trào các hội, đoàn thể được nâng lên',
    },
    {
      area: CommitmentArea.MARKET_ENVIRONMENT_CRITERIA,
      title: 'Tác động vào tiêu chí chợ nông thôn',
      targetCriterion: 'Xã đạt tiêu chí chợ nông thôn (nông thôn mới)',
    },
    {
      area: CommitmentArea.MARKET_ENVIRONMENT_CRITERIA,
      title: 'Tác động vào tiêu chí môi trường',
      targetCriterion: 'Xã đạt tiêu chí môi trường (nông thôn mới)',
    },
    {
      area: CommitmentArea.TEMPORARY_HOUSE_REMOVAL,
      title: 'Xóa 1 nhà tạm',
      targetQuantity: 1,
      targetUnit: 'nhà',
    },
  ];
  for (const [position, commitment] of commitments.entries()) {
    await insert(em, Commitment, { ...commitment, memorandumId: memorandum.id, position });
  }

  const responsibilities = [
    [
      'Phối hợp cung cấp các thông tin thực tế tại địa phương theo yêu cầu của Đảng ủy khối Các cơ quan tỉnh và Sở Tư pháp.',
      communePc,
    ],
    ['Tạo điều kiện thuận lợi để hai bên thực hiện tốt kế hoạch.', communePc],
    [
      'Lãnh đạo trực tiếp và thường xuyên đối với các hộ gia đình nghèo về tư tưởng và hành động để chủ động vươn lên thoát nghèo bền vững.',
      communeParty,
    ],
    [
      'Đề xuất, kiến nghị Đảng ủy khối Các cơ quan tỉnh và Sở Tư pháp những vấn đề phát sinh đột xuất liên quan đến việc triển khai kế hoạch.',
      communeParty,
    ],
  ] as const;
  for (const [position, [description, organization]] of responsibilities.entries()) {
    await insert(em, CounterpartResponsibility, {
      memorandumId: memorandum.id,
      position: position + 1,
      description,
      responsibleOrganizationId: organization.id,
    });
  }
  return {
    planId: plan.id,
    partnershipId: partnership.id,
    blocId: bloc.id,
    justiceId: justice.id,
    communeId: commune.id,
    communePcId: communePc.id,
    provinceId: province.id,
    districtId: district.id,
  };
}
