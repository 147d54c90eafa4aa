import type { RequestContext } from '../../common/context';
import { BadInputError } from '../../common/errors';
import { todayInVietnam } from '../../common/time';
import {
  AdministrativeUnit,
  AdministrativeLevel,
} from '../administrative-unit/administrative-unit.entity';
import { CommitmentArea, ProgressStatus } from '../commitment/commitment.entity';
import { memorandumProgress, progressTotals } from '../commitment/commitment.service';
import {
  commitmentStatus,
  completion,
  NO_PROGRESS,
  type ProgressTotals,
} from '../commitment/progress';
import { HalfYearReport, ReportStatus } from '../half-year-report/half-year-report.entity';
import {
  figuresFor,
  halfYearReportService,
  periodOf,
  type RollupFigures,
} from '../half-year-report/half-year-report.service';
import { Organization, OrganizationKind } from '../organization/organization.entity';
import type { Partnership } from '../partnership/partnership.entity';
import type { SupportGroup } from '../support-group/support-group.entity';
import { supportGroupService } from '../support-group/support-group.service';
import { serviceFor } from '../../common/crud/crud.service';
import {
  dateLine,
  type AdministrativeDocument,
  type DocumentSection,
} from './administrative-document';

/**
 * The program's reports as documents people file and sign: a support group's, an agency's or a
 * partnership's half-year, and the memorandum's progress by commitment area. Every figure comes
 * from the same services the screens use, under the caller's scope.
 */

export const AREA_TITLES: Record<CommitmentArea, string> = {
  [CommitmentArea.THEMATIC_SESSIONS]: 'Sinh hoạt chuyên đề',
  [CommitmentArea.LEGAL_SUPPORT]: 'Công tác tư pháp',
  [CommitmentArea.MASS_ORGANIZATIONS]: 'Hội, đoàn thể',
  [CommitmentArea.MARKET_ENVIRONMENT_CRITERIA]: 'Tiêu chí chợ nông thôn và môi trường',
  [CommitmentArea.TEMPORARY_HOUSE_REMOVAL]: 'Xóa nhà tạm',
};

const STATUS_TITLES: Record<ProgressStatus, string> = {
  [ProgressStatus.NOT_STARTED]: 'Chưa bắt đầu',
  [ProgressStatus.IN_PROGRESS]: 'Đang thực hiện',
  [ProgressStatus.COMPLETED]: 'Hoàn thành',
  [ProgressStatus.OVERDUE]: 'Quá hạn',
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const numbered = (sections: DocumentSection[]): DocumentSection[] =>
  sections.map((s, i) => ({ ...s, heading: `${ROMAN[i]}. ${s.heading.toUpperCase()}` }));

const integer = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

export interface ReportFile {
  fileName: string;
  /** The .docx, base64-encoded. */
  docx: string;
  document: AdministrativeDocument;
}

async function provinceOf(ctx: RequestContext, unitId: string | null): Promise<string> {
  let id = unitId;
  for (let depth = 0; id && depth < 5; depth++) {
    const unit = await ctx.db.findOneBy(AdministrativeUnit, { id });
    if (!unit) return '';
    if (unit.level === AdministrativeLevel.PROVINCE)
      return unit.name.replace(/^(Tỉnh|Thành phố)\s+/i, '');
    id = unit.parentId;
  }
  return '';
}

const isParty = (organization: Organization) =>
  organization.kind === OrganizationKind.PARTY_COMMITTEE;

/** The report's number: the clerk writes it on issuing, after the kind (BC) and the issuer's initials. */
function numberOf(organization: Organization): string {
  const initials =
    organization.shortName ??
    organization.name
      .split(/\s+/)
      .filter((word) => /^\p{Lu}/u.test(word))
      .map((word) => word[0])
      .join('');
  return `Số:        /BC-${initials}`;
}

async function documentFor(
  ctx: RequestContext,
  organization: Organization,
  parts: Pick<AdministrativeDocument, 'title' | 'subtitle' | 'sections'> & { recipients: string[] },
  fileName: string,
): Promise<ReportFile> {
  const place = await provinceOf(ctx, organization.administrativeUnitId);
  const date = todayInVietnam();
  const document: AdministrativeDocument = {
    parentIssuer: null,
    issuer: organization.name,
    party: isParty(organization),
    number: numberOf(organization),
    place,
    date,
    dateLine: dateLine(place, date),
    ...parts,
    recipients: [...parts.recipients, 'Lưu: VT.'],
    signature: {
      onBehalf: isParty(organization)
        ? 'T/M BAN THƯỜNG VỤ'
        : `TM. ${organization.name.toUpperCase()}`,
      title: isParty(organization) ? 'Bí thư' : 'Thủ trưởng cơ quan',
      name: null,
    },
  };
  // Loaded on first use (see administrative-docx.ts).
  const { toDocx } = await import('./administrative-docx.js');
  return { fileName, docx: (await toDocx(document)).toString('base64'), document };
}

function figureRows(
  figures: Omit<RollupFigures, 'groupCount' | 'reportCount' | 'submittedCount'>,
): string[][] {
  return [
    ['Số lượt thăm hộ', integer(figures.visitCount)],
    ['Số hộ được thăm', integer(figures.householdsVisited)],
    ['Số việc trong kế hoạch giúp đỡ đã hoàn thành', integer(figures.planStepsDone)],
    ['Số nguyện vọng đã chuyển cơ quan có thẩm quyền', integer(figures.aspirationsRelayed)],
    ['Số nguyện vọng đã được giải quyết', integer(figures.aspirationsResolved)],
    ['Số lần hỗ trợ từ quỹ', integer(figures.supportDeliveries)],
  ];
}

const halfTitle = (year: number, half: number) =>
  `${half === 1 ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${year}`;

export async function halfYearDocument(
  ctx: RequestContext,
  input: {
    year: number;
    half: number;
    groupId?: string | null;
    organizationId?: string | null;
    partnershipId?: string | null;
  },
): Promise<ReportFile> {
  const { year, half } = input;
  if (half !== 1 && half !== 2) throw BadInputError.of('half', 'oneOf', 'must be 1 or 2');
  if (year < 2000 || year > Number(todayInVietnam().slice(0, 4)))
    throw BadInputError.of('year', 'range', 'must be a year of the program', {
      min: 2000,
      max: Number(todayInVietnam().slice(0, 4)),
    });
  const chosen = [input.groupId, input.organizationId, input.partnershipId].filter(
    (id) => id != null,
  );
  if (chosen.length !== 1)
    throw BadInputError.of(
      'groupId',
      'exactlyOne',
      'give exactly one of groupId, organizationId, partnershipId',
    );
  const { from, to } = periodOf(year, half);
  const period = halfTitle(year, half);

  if (input.groupId) {
    const group: SupportGroup = await supportGroupService.get(ctx, input.groupId);
    const organization = await ctx.loaders
      .byId<Organization>(Organization)
      .load(group.organizationId);
    const report = await ctx.db.findOneBy(HalfYearReport, { groupId: group.id, year, half });
    const figures = report ?? { ...(await figuresFor(ctx.db, group.id, year, half)) };
    const [households] = (await ctx.db.query(
      'SELECT count(*)::int AS n FROM support_group_households WHERE support_group_id = $1',
      [group.id],
    )) as { n: number }[];
    return documentFor(
      ctx,
      organization!,
      {
        title: 'BÁO CÁO',
        subtitle: `Kết quả giúp đỡ hộ nghèo ${period} của ${group.name}`,
        sections: numbered([
          {
            heading: 'Tình hình chung',
            paragraphs: [
              `${group.name} thuộc ${organization!.name} giúp đỡ ${integer(households!.n)} hộ gia đình. Kỳ báo cáo từ ngày ${day(from)} đến ngày ${day(to)}.`,
              report
                ? `Báo cáo ${report.status === ReportStatus.SUBMITTED ? 'đã nộp' : 'đang soạn thảo'}; số liệu lấy từ các chuyến thăm, kế hoạch giúp đỡ, nguyện vọng và khoản chi đã ghi trong hệ thống.`
                : 'Nhóm chưa lập báo cáo cho kỳ này; số liệu dưới đây đếm trực tiếp từ các bản ghi trong kỳ.',
            ],
            table: null,
          },
          {
            heading: 'Kết quả thực hiện',
            paragraphs: [],
            table: { headers: ['Nội dung', 'Số lượng'], rows: figureRows(figures) },
          },
          {
            heading: 'Đánh giá chung',
            paragraphs: report?.narrative
              ? report.narrative.split(/\n+/).filter(Boolean)
              : ['(Chưa có nội dung đánh giá.)'],
            table: null,
          },
        ]),
        recipients: [organization!.name, `Các thành viên ${group.name}`],
      },
      `bao-cao-6-thang-${year}-${half}-nhom.docx`,
    );
  }

  const organization = input.organizationId
    ? ((await serviceFor('Organization')!.get(ctx, input.organizationId)) as Organization)
    : null;
  const partnership = input.partnershipId
    ? ((await serviceFor('Partnership')!.get(ctx, input.partnershipId)) as Partnership)
    : null;
  const rollup = await halfYearReportService.rollup(
    ctx,
    year,
    half,
    organization?.id ?? null,
    partnership?.id ?? null,
  );
  const groups = (await ctx.db.query(
    `SELECT g.name, r.status, coalesce(r.visit_count, 0)::int AS visits, coalesce(r.households_visited, 0)::int AS households
       FROM support_groups g
       LEFT JOIN half_year_reports r ON r.group_id = g.id AND r.year = $1 AND r.half = $2
      WHERE ($3::uuid IS NULL OR g.organization_id = $3) AND ($4::uuid IS NULL OR g.partnership_id = $4)
      ORDER BY g.name`,
    [year, half, organization?.id ?? null, partnership?.id ?? null],
  )) as { name: string; status: string | null; visits: number; households: number }[];
  // A partnership's report is issued by its first sponsoring agency.
  const issuer = organization ?? (await sponsorOf(ctx, partnership!.id));
  if (!issuer) throw BadInputError.of('partnershipId', 'noSponsor', 'has no sponsoring agency');
  const subject = organization ? organization.name : `quan hệ giúp đỡ ${partnership!.name}`;
  return documentFor(
    ctx,
    issuer,
    {
      title: 'BÁO CÁO',
      subtitle: `Kết quả thực hiện Kế hoạch giúp đỡ ${period} của ${subject}`,
      sections: numbered([
        {
          heading: 'Tình hình chung',
          paragraphs: [
            `Trong kỳ từ ngày ${day(from)} đến ngày ${day(to)}, ${subject} có ${integer(rollup.groupCount)} nhóm giúp đỡ; ${integer(rollup.reportCount)} nhóm đã lập báo cáo, trong đó ${integer(rollup.submittedCount)} báo cáo đã nộp.`,
          ],
          table: null,
        },
        {
          heading: 'Kết quả thực hiện',
          paragraphs: ['Tổng hợp từ báo cáo 6 tháng của các nhóm:'],
          table: { headers: ['Nội dung', 'Số lượng'], rows: figureRows(rollup) },
        },
        {
          heading: 'Các nhóm giúp đỡ',
          paragraphs: [],
          table: {
            headers: ['Nhóm', 'Báo cáo', 'Lượt thăm', 'Hộ được thăm'],
            rows: groups.map((g) => [
              g.name,
              g.status === 'SUBMITTED' ? 'Đã nộp' : g.status ? 'Đang soạn' : 'Chưa lập',
              integer(g.visits),
              integer(g.households),
            ]),
          },
        },
      ]),
      recipients: ['Ban Thường vụ Tỉnh ủy (b/c)', 'Ban Dân vận Tỉnh ủy'],
    },
    `bao-cao-6-thang-${year}-${half}-${organization ? 'co-quan' : 'quan-he-giup-do'}.docx`,
  );
}

const day = (iso: string) => iso.split('-').reverse().join('/');

async function sponsorOf(ctx: RequestContext, partnershipId: string): Promise<Organization | null> {
  const [row] = (await ctx.db.query(
    `SELECT s.organization_id AS id FROM partnership_sponsors s JOIN organizations o ON o.id = s.organization_id
      WHERE s.partnership_id = $1 ORDER BY o.name LIMIT 1`,
    [partnershipId],
  )) as { id: string }[];
  return row ? ((await ctx.loaders.byId<Organization>(Organization).load(row.id)) ?? null) : null;
}

export async function memorandumProgressDocument(
  ctx: RequestContext,
  memorandumId: string,
): Promise<ReportFile> {
  const { memorandum, areas, percent } = await memorandumProgress(ctx, memorandumId);
  const commitments = areas.flatMap((a) => a.commitments);
  const totals = await progressTotals(ctx).loadMany(commitments.map((c) => c.id));
  const totalsOf = new Map(
    commitments.map((c, i) => [c.id, (totals[i] as ProgressTotals | undefined) ?? NO_PROGRESS]),
  );
  const today = todayInVietnam();
  const issuer = await sponsorOf(ctx, memorandum.partnershipId);
  if (!issuer) throw BadInputError.of('memorandumId', 'noSponsor', 'has no sponsoring agency');
  return documentFor(
    ctx,
    issuer,
    {
      title: 'BÁO CÁO',
      subtitle: `Tiến độ thực hiện ${memorandum.title}`,
      sections: numbered([
        {
          heading: 'Tình hình chung',
          paragraphs: [
            `${memorandum.title}${memorandum.signedDate ? ` ký ngày ${day(memorandum.signedDate)}` : ''} có ${integer(commitments.length)} nội dung cam kết trong 5 lĩnh vực; đến ngày ${day(today)} hoàn thành bình quân ${percent}%.`,
          ],
          table: {
            headers: ['Lĩnh vực', 'Số cam kết', 'Đã hoàn thành', 'Tiến độ'],
            rows: areas.map((a) => [
              AREA_TITLES[a.area],
              integer(a.commitmentCount),
              integer(a.completedCount),
              `${a.percent}%`,
            ]),
          },
        },
        ...areas.map((a) => ({
          heading: AREA_TITLES[a.area],
          paragraphs: a.commitments.length === 0 ? ['Chưa có nội dung cam kết.'] : [],
          table:
            a.commitments.length === 0
              ? null
              : {
                  headers: ['Nội dung cam kết', 'Chỉ tiêu', 'Đã đạt', 'Hạn', 'Tình trạng'],
                  rows: a.commitments.map((c) => {
                    const t = totalsOf.get(c.id)!;
                    return [
                      c.title,
                      c.targetQuantity != null
                        ? `${integer(c.targetQuantity)} ${c.targetUnit ?? ''}`.trim()
                        : (c.targetCriterion ?? ''),
                      c.targetQuantity != null
                        ? integer(t.achievedQuantity)
                        : `${Math.round(completion(c, t) * 100)}%`,
                      c.dueDate ? day(c.dueDate) : '',
                      STATUS_TITLES[commitmentStatus(c, t, today)],
                    ];
                  }),
                },
        })),
      ]),
      recipients: ['Ban Thường vụ Tỉnh ủy (b/c)', 'Các bên ký biên bản ghi nhớ'],
    },
    'tien-do-bien-ban-ghi-nho.docx',
  );
}
