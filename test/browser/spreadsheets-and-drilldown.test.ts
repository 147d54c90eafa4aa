import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

/**
 * A civil servant's day with spreadsheets and the dashboard, in Chromium: export a list as Excel
 * and as CSV, import households from the template, open a dashboard figure's records.
 */

const WAIT = { timeout: 30_000 };
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

let app: TestApp;
let browser: Browser;
let page: Page;

/** Opens a screen afresh, as a user following a link would (no dialog left open before it). */
async function open(hash: string) {
  await page.goto(`${app.url}/${hash}`);
  await page.reload();
}

async function signIn() {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('dashboard-household-overview').waitFor(WAIT);
}

/** Chooses a format in the list's "Xuất dữ liệu" menu and returns the downloaded file. */
async function exportAs(format: RegExp): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Xuất dữ liệu' }).click();
  const downloaded = page.waitForEvent('download', WAIT);
  await page.getByRole('menuitem', { name: format }).click();
  const download = await downloaded;
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

describeBrowser('spreadsheets and dashboard drill-down', () => {
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    await signIn();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('exports the disbursements list as .xlsx: one row per record, Vietnamese headers, names, typed money and dates', async () => {
    // One planned date, so the export's date column has a value to type.
    await app.db.query(
      `UPDATE disbursements SET planned_date = '2014-06-20'
        WHERE id = (SELECT id FROM disbursements WHERE status = 'PLANNED' ORDER BY description LIMIT 1)`,
    );
    const { allDisbursements } = dataOf(
      await app.graphql<{
        allDisbursements: {
          description: string;
          amount: number;
          plannedDate: string | null;
          fund: { name: string };
        }[];
      }>(
        '{ allDisbursements(sortField: "plannedDate", sortOrder: "DESC", perPage: 1000) { description amount plannedDate fund { name } } }',
        {},
        { cookie: await app.login() },
      ),
    );
    expect(allDisbursements.length).toBeGreaterThan(0);
    await open('#/Disbursement?sort=plannedDate&order=DESC');
    await page.locator('table tbody tr').first().waitFor(WAIT);
    const file = await exportAs(/^Excel \(\.xlsx\)/);
    expect(file.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).filter((v) => v != null) as string[];
    // The headers the list shows, in Vietnamese, never a field name.
    const shownHeaders = (await page.locator('table thead th').allTextContents())
      .map((t) => t.trim())
      .filter((t) => t.length > 0);
    expect(headers).toEqual(shownHeaders);
    expect(sheet.actualRowCount - 1).toBe(allDisbursements.length);
    const amountColumn = headers.indexOf('Thành tiền') + 1;
    const dateColumn = headers.indexOf('Ngày dự kiến') + 1;
    expect(amountColumn).toBeGreaterThan(0);
    expect(dateColumn).toBeGreaterThan(0);
    const dated = allDisbursements.find((d) => d.plannedDate !== null)!;
    const rowOf = (description: string) => {
      for (let n = 2; n <= sheet.actualRowCount; n++)
        if (sheet.getRow(n).getCell(1).value === description) return sheet.getRow(n);
      throw new Error(`no row for ${description}`);
    };
    const first = rowOf(dated.description);
    expect(first.getCell(amountColumn).value).toBe(Number(dated.amount));
    expect(first.getCell(amountColumn).numFmt).toContain('₫');
    expect(first.getCell(dateColumn).value).toBeInstanceOf(Date);
    expect((first.getCell(dateColumn).value as Date).toISOString().slice(0, 10)).toBe(
      dated.plannedDate,
    );
    const texts = (first.values as unknown[]).filter((v) => typeof v === 'string') as string[];
    // Names, not ids; labels, not codes.
    expect(texts).toContain(dated.fund.name);
    for (const text of texts) {
      expect(text).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(text).not.toMatch(/^[A-Z_]{3,}$/);
    }
  });

  it('exports the same list as CSV with a BOM, so Excel reads Vietnamese', async () => {
    const file = await exportAs(/^CSV/);
    expect(file.name).toMatch(/\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toContain('Thành tiền');
    expect(lines.length - 1).toBe(await page.locator('table tbody tr').count());
  });

  it('imports households from the template: a bad file shows each error in Vietnamese, a good one imports', async () => {
    await open('#/Household');
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    const dialog = page.getByRole('dialog');
    const templateDownload = page.waitForEvent('download', WAIT);
    await dialog.getByRole('button', { name: 'Tải tệp mẫu' }).click();
    const template = await templateDownload;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await template.path())!) as unknown as ArrayBuffer);
    const households = book.getWorksheet('Hộ gia đình')!;
    const members = book.getWorksheet('Thành viên')!;
    // Typed from the second row on, as a user fills the template in Excel.
    const fill = (sheet: ExcelJS.Worksheet, row: number, values: unknown[]) =>
      values.forEach((value, index) => {
        sheet.getCell(row, index + 1).value = value as ExcelJS.CellValue;
      });
    fill(households, 2, [
      1,
      'Xuân Sơn Bắc',
      'Thôn 1 (mẫu)',
      'Lương Văn Nhập',
      null,
      'Hộ nghèo',
      '01/01/2014',
    ]);
    fill(households, 3, [
      2,
      'Xuân Sơn Bắc',
      'Thôn Chín (không có)',
      'Tạ Thị Sai',
      null,
      null,
      null,
    ]);
    fill(members, 2, [1, 'Lương Văn Nhập', 1970, 'Chủ hộ', 'Không', null]);
    const bad = Buffer.from(await book.xlsx.writeBuffer());
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'ho-ngheo.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    await expect
      .poll(() => dialog.textContent(), WAIT)
      .toContain(
        'Thôn, buôn: không có thôn “Thôn Chín (không có)” thuộc xã “Xuân Sơn Bắc” trong danh mục',
      );
    expect(await dialog.textContent()).toContain('Chưa có gì được nhập');
    expect(await dialog.getByRole('button', { name: 'Nhập tệp' }).isDisabled()).toBe(true);

    fill(households, 3, [null, null, null, null, null, null, null]);
    const good = Buffer.from(await book.xlsx.writeBuffer());
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'ho-ngheo-da-sua.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await expect
      .poll(() => dialog.textContent(), WAIT)
      .toContain('Khi nhập sẽ thêm 1 hộ, 1 thành viên, 1 diện hộ');
    await dialog.getByRole('button', { name: 'Nhập tệp' }).click();
    await expect
      .poll(() => dialog.textContent(), WAIT)
      .toContain('Đã nhập: 1 hộ, 1 thành viên, 1 diện hộ');
    const [row] = (await app.db.query(
      `SELECT count(*)::int AS n FROM households WHERE head_name = 'Lương Văn Nhập'`,
    )) as { n: number }[];
    expect(row!.n).toBe(1);
    await dialog.getByRole('button', { name: 'Đóng' }).click();
  });

  it('opens the records behind a dashboard figure: open aspirations over 180 days', async () => {
    await open('#/');
    const bucket = page.getByTestId('open-aspirations-180+');
    await bucket.waitFor(WAIT);
    const figure = Number((await bucket.locator('dd').textContent())!.trim());
    await bucket.locator('dd a').click();
    await page.waitForURL(/#\/Aspiration\?/, WAIT);
    if (figure === 0) {
      await page.getByText('Chưa có', { exact: false }).first().waitFor(WAIT);
    } else {
      await expect.poll(() => page.locator('table tbody tr').count(), WAIT).toBe(figure);
    }
    expect(decodeURIComponent(page.url())).toContain('"ageBucket":"180+"');
  });

  it('opens the households dashboard total as the household list with the same count', async () => {
    await open('#/');
    const total = page.getByTestId('household-count');
    await total.waitFor(WAIT);
    const figure = Number((await total.textContent())!.trim());
    await total.locator('a').click();
    await page.waitForURL(/#\/Household/, WAIT);
    // react-admin's page range, e.g. "1–25 trong 40".
    await page.getByText(new RegExp(`trong ${figure}$`)).waitFor(WAIT);
  });

  it("shows an agency's half-year report as it will print, and downloads it as Word", async () => {
    const [agency] = (await app.db.query(
      `SELECT o.name, count(g.id)::int AS groups FROM organizations o JOIN support_groups g ON g.organization_id = o.id
        GROUP BY o.id ORDER BY o.name LIMIT 1`,
    )) as { name: string; groups: number }[];
    await open('#/reports');
    await page.getByRole('combobox', { name: 'Cơ quan' }).click();
    await page.getByRole('option', { name: agency!.name, exact: true }).click();
    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page.getByRole('option', { name: '2014' }).click();
    await page.getByRole('combobox', { name: 'Kỳ' }).click();
    await page.getByRole('option', { name: '6 tháng cuối năm' }).click();
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const view = page.getByTestId('report-document');
    await view.waitFor(WAIT);
    const shown = (await view.textContent()) ?? '';
    expect(shown).toContain(agency!.name.toUpperCase());
    expect(shown).toContain('BÁO CÁO');
    expect(shown).toContain(`6 tháng cuối năm 2014 của ${agency!.name}`);
    expect(shown).toContain(`có ${agency!.groups} nhóm giúp đỡ`);
    expect(shown).toContain('Nơi nhận:');
    const downloaded = page.waitForEvent('download', WAIT);
    await page.getByRole('button', { name: 'Tải về Word (.docx)' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync((await file.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(`6 tháng cuối năm 2014 của ${agency!.name}`);
  });

  it("draws the fund's months as a chart beside, never over, the card's figures at 1366×768", async () => {
    await open('#/');
    const card = page.getByTestId('dashboard-fund');
    const chart = card.getByTestId('fund-monthly-chart');
    await chart.locator('svg').first().waitFor(WAIT);
    // Twelve months on the axis, each a tick label.
    await expect
      .poll(() => chart.locator('.MuiChartsAxis-tickLabel').count(), WAIT)
      .toBeGreaterThanOrEqual(12);
    // A string, evaluated in the page: the test project has no DOM types.
    const figures = await page.evaluate<number>(`(() => {
      const card = document.querySelector('[data-testid="dashboard-fund"]');
      const chart = card.querySelector('[data-testid="fund-monthly-chart"]');
      const box = chart.getBoundingClientRect();
      return [...card.querySelectorAll('p, h4, h5, h6, span')]
        .filter((node) => !chart.contains(node) && (node.textContent || '').includes('₫'))
        .map((node) => node.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.left < box.right && r.right > box.left
          && r.top < box.bottom && r.bottom > box.top).length;
    })()`);
    expect(figures).toBe(0);
  });

  it('draws households by category over the years, from 2014 to this year', async () => {
    await open('#/');
    const chart = page.getByTestId('households-over-years');
    await chart.locator('svg').first().waitFor(WAIT);
    const ticks = await chart.locator('.MuiChartsAxis-tickLabel').allTextContents();
    expect(ticks).toContain('2014');
    expect(ticks, JSON.stringify(ticks)).toContain(String(new Date().getFullYear()));
    const legend = (await chart.textContent()) ?? '';
    for (const category of ['Hộ nghèo', 'Hộ cận nghèo', 'Gia đình chính sách'])
      expect(legend).toContain(category);
  });

  it("draws each commitment area's progress month by month since the memorandum was signed", async () => {
    await app.db.query(`UPDATE memoranda SET signed_date = '2014-06-20'`);
    await open('#/');
    const chart = page.getByTestId('memorandum-progress-over-time');
    await chart.locator('svg').first().waitFor(WAIT);
    const ticks = await chart.locator('.MuiChartsAxis-tickLabel').allTextContents();
    expect(ticks).toContain('06/2014');
    const legend = (await chart.textContent()) ?? '';
    for (const area of ['Sinh hoạt chuyên đề', 'Xóa nhà tạm']) expect(legend).toContain(area);
  });

  it("opens the fund card's figures: spending of a purpose as the fund's posted disbursements of the year, the balance as the fund", async () => {
    await open('#/');
    const spending = page.getByTestId('fund-spending-HOUSING').locator('a');
    await spending.waitFor(WAIT);
    await spending.click();
    await page.waitForURL(/#\/Disbursement\?/, WAIT);
    const filter = JSON.parse(
      new URL(page.url().replace('#/', '')).searchParams.get('filter')!,
    ) as Record<string, unknown>;
    expect(filter).toMatchObject({ purpose: 'HOUSING', status: 'POSTED' });
    // The list answers the filter (no error shown).
    await page
      .getByText(/trong \d+$|khớp với bộ lọc/)
      .first()
      .waitFor(WAIT);
    expect(await page.getByText('Dữ liệu chưa hợp lệ').count()).toBe(0);
    await open('#/');
    const balance = page.getByTestId('fund-balance').locator('a');
    await balance.waitFor(WAIT);
    await balance.click();
    await page.waitForURL(/#\/Fund\/[0-9a-f-]+\/show/, WAIT);
  });

  it('offers administrators the data console in the menu', async () => {
    await open('#/');
    const link = page.getByRole('menuitem', { name: 'Bảng truy vấn dữ liệu' });
    await link.waitFor(WAIT);
    expect(await link.getAttribute('href')).toBe('/console');
  });
});
