import type { EntityManager } from 'typeorm';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../../modules/administrative-unit/administrative-unit.entity';
import { Aspiration, AspirationStatus } from '../../modules/aspiration/aspiration.entity';
import {
  Household,
  HouseholdCategory,
  HouseholdCategoryPeriod,
  HouseholdMember,
  HouseholdNeed,
  PovertyResult,
  PovertyReview,
  Relation,
} from '../../modules/household/household.entity';
import { StaffAssignment, StaffMember, TitleRank } from '../../modules/staff/staff.entity';
import {
  SupportGroup,
  SupportGroupHousehold,
  SupportGroupMember,
} from '../../modules/support-group/support-group.entity';
import {
  SupportPlan,
  SupportPlanStatus,
  SupportPlanStep,
} from '../../modules/support-plan/support-plan.entity';
import { Visit, VisitParticipant } from '../../modules/visit/visit.entity';
import { PovertyStandard } from '../../modules/household/poverty-standard.entity';
import { deriveCategoryPeriods } from '../../modules/household/poverty-standards';
import { insert, type DemoProgram } from './demo';

/** The article's 10 groups (3 from the Bloc Party Committee, 7 from the Department of Justice). */
export const DEMO_GROUPS = { bloc: 3, justice: 7 } as const;

const SAMPLE = '(mẫu)';
const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN_NAMES = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hoa',
  'Lan',
  'Minh',
  'Nam',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trung',
];
const NEEDS: HouseholdNeed[][] = [
  [HouseholdNeed.CAPITAL, HouseholdNeed.HUSBANDRY],
  [HouseholdNeed.CULTIVATION],
  [HouseholdNeed.CAPITAL, HouseholdNeed.HOUSING],
  [HouseholdNeed.HUSBANDRY, HouseholdNeed.EDUCATION],
  [HouseholdNeed.CAPITAL, HouseholdNeed.CULTIVATION],
];
// Early June 2014: the groups' first field visits (article).
const VISIT_DAYS = ['2014-06-02', '2014-06-03', '2014-06-04', '2014-06-05', '2014-06-06'];

/**
 * Fictional names from one running counter shared by staff and household heads, so no name is
 * given twice: family names cycle every 10 and given names every 16, so a pair comes back only
 * after 80 people (their least common multiple).
 */
function namer() {
  let next = 0;
  return () => {
    if (next >= 80) throw new Error('the demo name pool repeats after 80 people');
    const i = next++;
    return `${FAMILY_NAMES[i % FAMILY_NAMES.length]} Văn ${GIVEN_NAMES[i % GIVEN_NAMES.length]} ${SAMPLE}`;
  };
}

/** Each agency's leadership: the titles at the top of the article's rate table. */
const LEADERSHIP = [TitleRank.DIRECTOR, TitleRank.DEPUTY_DIRECTOR] as const;

/**
 * The article says the groups drew up their plans in early June 2014 and registered them with the
 * two agencies' Party committees; it gives the month, not the day: these days are sample dates.
 */
export const DEMO_PLAN_REGISTERED = { bloc: '2014-06-16', justice: '2014-06-17' } as const;

/**
 * Fictional staff, groups and households for the article's scenario: every name is marked "(mẫu)".
 * Each group has a leader and two members from its own agency and helps one poor household.
 */
export async function seedGroupsAndHouseholds(
  em: EntityManager,
  program: DemoProgram,
): Promise<void> {
  const villages: AdministrativeUnit[] = [];
  for (const n of [1, 2, 3, 4]) {
    villages.push(
      await insert(em, AdministrativeUnit, {
        level: AdministrativeLevel.VILLAGE,
        name: `Thôn ${n} ${SAMPLE}`,
        parentId: program.communeId,
      }),
    );
  }

  const standard2014 = await em.findOneByOrFail(PovertyStandard, { code: '2011-2015' });

  const person = namer();
  const staffOf = async (organizationId: string, titleRank: TitleRank) => {
    const staff = await insert(em, StaffMember, {
      fullName: person(),
      organizationId,
      partyMember: true,
      active: true,
    });
    await insert(em, StaffAssignment, {
      staffMemberId: staff.id,
      organizationId,
      titleRank,
      validFrom: '2014-01-01',
    });
    return staff;
  };

  const groups = [
    ...Array.from({ length: DEMO_GROUPS.bloc }, (_, i) => ({
      organizationId: program.blocId,
      n: i + 1,
      agency: 'Đảng ủy khối',
    })),
    ...Array.from({ length: DEMO_GROUPS.justice }, (_, i) => ({
      organizationId: program.justiceId,
      n: i + 1,
      agency: 'Sở Tư pháp',
    })),
  ];
  for (const organizationId of [program.blocId, program.justiceId]) {
    for (const titleRank of LEADERSHIP) await staffOf(organizationId, titleRank);
  }
  for (const [index, spec] of groups.entries()) {
    const leader = await staffOf(
      spec.organizationId,
      index % 3 === 0 ? TitleRank.HEAD_OF_DIVISION : TitleRank.DEPUTY_HEAD_OF_DIVISION,
    );
    const members = [
      leader,
      await staffOf(spec.organizationId, TitleRank.CIVIL_SERVANT),
      await staffOf(spec.organizationId, TitleRank.CIVIL_SERVANT),
    ];
    const group = await insert(em, SupportGroup, {
      name: `Nhóm ${spec.n} – ${spec.agency}`,
      organizationId: spec.organizationId,
      partnershipId: program.partnershipId,
      leaderId: leader.id,
      notes: 'Dữ liệu mẫu: tên thành viên và hộ được giúp đỡ là hư cấu.',
    });
    await em.insert(
      SupportGroupMember,
      members.map((m) => ({ supportGroupId: group.id, staffMemberId: m.id })),
    );

    const headName = person();
    const household = await insert(em, Household, {
      organizationId: spec.organizationId,
      villageId: villages[index % villages.length]!.id,
      headName,
      circumstances:
        'Hộ nghèo, thiếu vốn sản xuất, thu nhập chủ yếu từ làm thuê theo mùa vụ (dữ liệu mẫu).',
      needs: NEEDS[index % NEEDS.length]!,
      notes: 'Dữ liệu mẫu.',
    });
    await em.insert(SupportGroupHousehold, { supportGroupId: group.id, householdId: household.id });
    await insert(em, HouseholdMember, {
      householdId: household.id,
      fullName: headName,
      birthYear: 1970 + index,
      relation: Relation.HEAD,
    });
    await insert(em, HouseholdMember, {
      householdId: household.id,
      fullName: `Trần Thị ${GIVEN_NAMES[(index + 5) % GIVEN_NAMES.length]} ${SAMPLE}`,
      birthYear: 1973 + index,
      relation: Relation.SPOUSE,
    });
    await insert(em, HouseholdMember, {
      householdId: household.id,
      fullName: `${headName.split(' ')[0]} Thị ${GIVEN_NAMES[(index + 9) % GIVEN_NAMES.length]} ${SAMPLE}`,
      birthYear: 2002 + (index % 4),
      relation: Relation.CHILD,
      isPupil: true,
    });
    await insert(em, HouseholdCategoryPeriod, {
      householdId: household.id,
      category: HouseholdCategory.POOR,
      validFrom: '2014-01-01',
    });
    if (index % 5 === 0) {
      await insert(em, HouseholdCategoryPeriod, {
        householdId: household.id,
        category: HouseholdCategory.POLICY_FAMILY,
        validFrom: '2010-01-01',
      });
    }
    // The 2014 review under the standard then in force; dated at the year's end (the article gives
    // no date). It decides the household's POOR period from then on, as the service would.
    await insert(em, PovertyReview, {
      householdId: household.id,
      year: 2014,
      reviewDate: '2014-12-31',
      standardId: standard2014.id,
      standardEdition: standard2014.edition,
      standard: standard2014.name,
      result: PovertyResult.POOR,
    });
    await deriveCategoryPeriods(em, household.id, null);

    const visit = await insert(em, Visit, {
      groupId: group.id,
      householdId: household.id,
      visitDate: VISIT_DAYS[index % VISIT_DAYS.length]!,
      findings: 'Tiếp cận thực tế, tìm hiểu hoàn cảnh và nhu cầu của hộ (dữ liệu mẫu).',
    });
    await em.insert(
      VisitParticipant,
      members.map((m) => ({ visitId: visit.id, staffMemberId: m.id })),
    );
    if (index % 2 === 0) {
      await insert(em, Aspiration, {
        householdId: household.id,
        visitId: visit.id,
        content: 'Mong được hỗ trợ tiếp cận vốn vay ưu đãi để phát triển chăn nuôi (dữ liệu mẫu).',
        status: AspirationStatus.RECORDED,
        recordedDate: visit.visitDate,
      });
    }
    const registeredOn =
      spec.organizationId === program.blocId
        ? DEMO_PLAN_REGISTERED.bloc
        : DEMO_PLAN_REGISTERED.justice;
    const plan = await insert(em, SupportPlan, {
      groupId: group.id,
      householdId: household.id,
      title: `Kế hoạch giúp đỡ hộ ${headName}`,
      measures:
        'Hỗ trợ tiếp cận nguồn vốn; hướng dẫn kỹ thuật trồng trọt, chăn nuôi (dữ liệu mẫu).',
      goals: 'Hộ vươn lên thoát nghèo bền vững.',
      status: SupportPlanStatus.REGISTERED,
      registeredDate: registeredOn,
    });
    await insert(em, SupportPlanStep, {
      supportPlanId: plan.id,
      position: 1,
      description: 'Tiếp cận thực tế, nắm hoàn cảnh của hộ',
      doneDate: visit.visitDate,
    });
    await insert(em, SupportPlanStep, {
      supportPlanId: plan.id,
      position: 2,
      description: 'Đăng ký kế hoạch với cấp ủy cơ quan',
      doneDate: registeredOn,
    });
  }
}
