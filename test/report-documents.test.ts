import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from './support/app';
import { signInRoles, type RoleFixture } from './support/roles';

/**
 * The reports people print and sign, opened as Word would open them: the text of the generated
 * .docx must carry the administrative layout (issuer, number, date line, title, recipients,
 * signature) and the figures of the records, counted here straight from the database.
 */

let app: TestApp;
let roles: RoleFixture;

const DOCUMENT =
  'fileName docx document { issuer party number place date dateLine title subtitle recipients sections { heading paragraphs table { headers rows } } signature { onBehalf title } }';

interface ReportDocument {
  fileName: string;
  docx: string;
  document: {
    issuer: string;
    party: boolean;
    place: string;
    date: string;
    dateLine: string;
    recipients: string[];
    sections: { heading: string }[];
  };
}

/** The words of a .docx as a reader sees them, paragraph by paragraph. */
async function textOf(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

const ask = async (cookie: string, query: string, variables: Record<string, unknown>) =>
  app.graphql<Record<string, ReportDocument>>(query, variables, { cookie });

const HALF_YEAR = `query ($year: Int!, $half: Int!, $groupId: ID, $organizationId: ID, $partnershipId: ID) {
  r: halfYearReportDocument(year: $year, half: $half, groupId: $groupId, organizationId: $organizationId, partnershipId: $partnershipId) { ${DOCUMENT} } }`;

beforeAll(async () => {
  app = await startTestApp();
  roles = await signInRoles(app);
});

afterAll(async () => {
  await app?.close();
});

describe('the half-year report as a Word document', () => {
  it("of a support group: the agency's header, the date line, the group's figures from its records, recipients and signature", async () => {
    const groupId = roles.agencyA.groupIds[0]!;
    const [group] = (await app.db.query(
      `SELECT g.name, o.name AS organization, o.kind,
              (SELECT count(*) FROM visits v WHERE v.group_id = g.id AND v.visit_date BETWEEN '2014-07-01' AND '2014-12-31')::int AS visits,
              (SELECT count(DISTINCT v.household_id) FROM visits v WHERE v.group_id = g.id AND v.visit_date BETWEEN '2014-07-01' AND '2014-12-31')::int AS households
         FROM support_groups g JOIN organizations o ON o.id = g.organization_id WHERE g.id = $1`,
      [groupId],
    )) as {
      name: string;
      organization: string;
      kind: string;
      visits: number;
      households: number;
    }[];
    // The demo has no report for this period unless a group filed one; the figures are then counted live.
    await app.db.query(
      'DELETE FROM half_year_reports WHERE group_id = $1 AND year = 2014 AND half = 2',
      [groupId],
    );
    const response = await ask(roles.cookies.officerA, HALF_YEAR, { year: 2014, half: 2, groupId });
    const report = dataOf(response).r!;
    expect(report.fileName).toMatch(/\.docx$/);
    const text = await textOf(report.docx);
    expect(text).toContain(group!.organization.toUpperCase());
    expect(text).toContain(
      group!.kind === 'PARTY_COMMITTEE'
        ? 'ĐẢNG CỘNG SẢN VIỆT NAM'
        : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    );
    expect(text).toMatch(/Số:\s+\/BC-/);
    expect(text).toMatch(/ngày \d{2} tháng (0[12]|\d{1,2}) năm \d{4}/);
    // The print view shows the line the server sends; the .docx prints the same line.
    const [year, month, day] = report.document.date.split('-').map(Number) as [
      number,
      number,
      number,
    ];
    expect(report.document.dateLine).toBe(
      `${report.document.place}, ngày ${String(day).padStart(2, '0')} tháng ${month < 3 ? `0${month}` : month} năm ${year}`,
    );
    expect(text).toContain(report.document.dateLine);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(`6 tháng cuối năm 2014 của ${group!.name}`);
    expect(text).toContain('I. TÌNH HÌNH CHUNG');
    expect(text).toContain('II. KẾT QUẢ THỰC HIỆN');
    expect(text).toContain(`Số lượt thăm hộ\n${group!.visits}\n`);
    expect(text).toContain(`Số hộ được thăm\n${group!.households}\n`);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT.');
    expect(text).toContain('(Ký, ghi rõ họ tên)');
    expect(text).toContain('từ ngày 01/07/2014 đến ngày 31/12/2014');
  });

  it("uses the group's filed report, narrative included, when there is one", async () => {
    const groupId = roles.agencyA.groupIds[0]!;
    await app.db.query(
      `INSERT INTO half_year_reports (group_id, year, half, status, narrative, visit_count, households_visited)
       VALUES ($1, 2015, 1, 'SUBMITTED', $2, 7, 3)`,
      [groupId, 'Các hộ đã ổn định sản xuất.\nCần thêm vốn vay cho hai hộ.'],
    );
    const text = await textOf(
      dataOf(await ask(roles.cookies.officerA, HALF_YEAR, { year: 2015, half: 1, groupId })).r!
        .docx,
    );
    expect(text).toContain('III. ĐÁNH GIÁ CHUNG');
    expect(text).toContain('Các hộ đã ổn định sản xuất.\nCần thêm vốn vay cho hai hộ.\n');
    expect(text).toContain('Số lượt thăm hộ\n7\n');
    expect(text).toContain('Số hộ được thăm\n3\n');
    expect(text).toContain('6 tháng đầu năm 2015');
  });

  it("of an agency: every group it runs, named, with the roll-up's group count", async () => {
    const organizationId = roles.agencyA.organizationId;
    const groups = (await app.db.query(
      'SELECT name FROM support_groups WHERE organization_id = $1',
      [organizationId],
    )) as {
      name: string;
    }[];
    const text = await textOf(
      dataOf(await ask(roles.cookies.officerA, HALF_YEAR, { year: 2015, half: 1, organizationId }))
        .r!.docx,
    );
    expect(text).toContain(`có ${groups.length} nhóm giúp đỡ`);
    expect(text).toContain('III. CÁC NHÓM GIÚP ĐỠ');
    for (const group of groups) expect(text).toContain(group.name);
  });

  it('of a partnership, issued by its sponsoring agency', async () => {
    const [partnership] = (await app.db.query(
      `SELECT p.id, p.name, (SELECT o.name FROM partnership_sponsors s JOIN organizations o ON o.id = s.organization_id
                               WHERE s.partnership_id = p.id ORDER BY o.name LIMIT 1) AS sponsor
         FROM partnerships p ORDER BY p.name LIMIT 1`,
    )) as { id: string; name: string; sponsor: string }[];
    const report = dataOf(
      await ask(roles.cookies.admin, HALF_YEAR, {
        year: 2014,
        half: 2,
        partnershipId: partnership!.id,
      }),
    ).r!;
    expect(report.document.issuer).toBe(partnership!.sponsor);
    const text = await textOf(report.docx);
    expect(text).toContain(`quan hệ giúp đỡ ${partnership!.name}`);
  });

  it('keeps an officer to their own groups, and names the broken rule for bad input', async () => {
    const other = await ask(roles.cookies.officerA, HALF_YEAR, {
      year: 2014,
      half: 2,
      groupId: roles.agencyB.groupIds[0],
    });
    expect(other.body.errors?.[0]?.extensions?.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
    const badHalf = await ask(roles.cookies.officerA, HALF_YEAR, {
      year: 2014,
      half: 3,
      groupId: roles.agencyA.groupIds[0],
    });
    expect(badHalf.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'half',
    });
    const two = await ask(roles.cookies.admin, HALF_YEAR, {
      year: 2014,
      half: 2,
      groupId: roles.agencyA.groupIds[0],
      organizationId: roles.agencyA.organizationId,
    });
    expect(two.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'exactlyOne',
    });
  });
});

describe("the memorandum's progress as a Word document", () => {
  it('lists the five areas and every commitment with its status', async () => {
    const [memorandum] = (await app.db.query(
      'SELECT id, title FROM memoranda ORDER BY created_at LIMIT 1',
    )) as {
      id: string;
      title: string;
    }[];
    const commitments = (await app.db.query(
      'SELECT title FROM commitments WHERE memorandum_id = $1',
      [memorandum!.id],
    )) as { title: string }[];
    const report = dataOf(
      await ask(
        roles.cookies.officerA,
        `query ($id: ID!) { r: memorandumProgressDocument(memorandumId: $id) { ${DOCUMENT} } }`,
        {
          id: memorandum!.id,
        },
      ),
    ).r!;
    const text = await textOf(report.docx);
    expect(text).toContain(`Tiến độ thực hiện ${memorandum!.title}`);
    // The five areas of the memorandum, as the article lists them.
    for (const area of [
      'SINH HOẠT CHUYÊN ĐỀ',
      'CÔNG TÁC TƯ PHÁP',
      'HỘI, ĐOÀN THỂ',
      'TIÊU CHÍ CHỢ NÔNG THÔN VÀ MÔI TRƯỜNG',
      'XÓA NHÀ TẠM',
    ])
      expect(text).toContain(area);
    expect(commitments.length).toBeGreaterThan(0);
    for (const c of commitments) expect(text).toContain(c.title);
    expect(text).toContain(`có ${commitments.length} nội dung cam kết trong 5 lĩnh vực`);
  });
});
