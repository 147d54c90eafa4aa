import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const AREA = 'TEMPORARY_HOUSE_REMOVAL';
const WAIT = { timeout: 30_000 };
const TITLE = 'Xóa nhà tạm hộ thử nghiệm trình duyệt (mẫu)';

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

async function signIn(page: Page, app: TestApp) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('house-project-card').waitFor();
}

/** A surveyed, assessed project whose budget covers its cost, ready for approval. */
async function surveyedProject(app: TestApp): Promise<string> {
  const cookie = await app.login();
  const [{ id: commitmentId }] = (await app.db.query(
    `SELECT id FROM commitments WHERE area = $1 LIMIT 1`,
    [AREA],
  )) as { id: string }[];
  const [{ id: householdId }] = (await app.db.query(
    `SELECT id FROM households h WHERE NOT EXISTS (SELECT 1 FROM house_projects p WHERE p.household_id = h.id)
      ORDER BY head_name LIMIT 1`,
  )) as { id: string }[];
  const { createHouseProject } = dataOf(
    await app.graphql<{ createHouseProject: { id: string } }>(
      `mutation ($h: ID!, $c: ID!, $t: String!) {
        createHouseProject(title: $t, householdId: $h, commitmentId: $c, estimatedCost: 30000000,
          surveyedDate: "2014-06-15", surveyedConfirmedBy: "Trần Văn Khảo (mẫu)",
          assessmentDate: "2014-06-15", assessedBy: "Tổ khảo sát (mẫu)", houseCondition: DILAPIDATED) { id } }`,
      { h: householdId, c: commitmentId, t: TITLE },
      { cookie },
    ),
  );
  dataOf(
    await app.graphql(
      `mutation ($p: ID!) { createHouseProjectFunding(projectId: $p, source: HOUSEHOLD_OWN, amount: 30000000) { id } }`,
      { p: createHouseProject.id },
      { cookie },
    ),
  );
  return createHouseProject.id;
}

/** The figure of a stage on the dashboard card. */
const figure = (page: Page, stage: string) => () =>
  page.getByTestId(`house-${stage}`).textContent();

describeBrowser('a temporary house project in the admin', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('walks a project from the dashboard card to handover, and the commitment "xóa 1 nhà tạm" is done', async () => {
    const projectId = await surveyedProject(app);
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await signIn(page, app);

    // The card: the demo's project is building, ours is surveyed; the memorandum's area 5 is not done.
    await expect.poll(figure(page, 'SURVEYED'), WAIT).toBe('1');
    expect(await figure(page, 'BUILDING')()).toBe('1');
    expect(await figure(page, 'HANDED_OVER')()).toBe('0');
    const area = page
      .getByTestId(`dashboard-memorandum-progress`)
      .getByTestId(`area-achieved-${AREA}`);
    expect(await area.textContent()).toBe('0');

    // The surveyed figure opens the list of surveyed projects: ours alone.
    await page.getByTestId('house-SURVEYED').getByRole('link').click();
    await page.waitForURL((url) => url.hash.startsWith('#/HouseProject'));
    await page.getByRole('cell', { name: TITLE }).click();
    await page.waitForURL((url) => url.hash === `#/HouseProject/${projectId}/show`);
    await expect
      .poll(() => page.getByTestId('budget-total').textContent(), WAIT)
      .toMatch(/30\.000\.000/);

    const confirm = async (stage: string, date: string, extra: Record<string, string> = {}) => {
      await page.getByTestId('advance-stage').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(labelled('Ngày')).fill(date);
      await dialog.getByLabel(labelled('Người xác nhận')).fill('Lê Văn Duyệt (mẫu)');
      await dialog.getByLabel(labelled('Chức vụ người xác nhận')).fill('Chủ tịch UBND xã');
      for (const [label, value] of Object.entries(extra))
        await dialog.getByLabel(labelled(label)).fill(value);
      await dialog.getByRole('button', { name: 'Xác nhận' }).click();
      await expect
        .poll(() => page.getByTestId(`stage-chip-${projectId}`).textContent(), WAIT)
        .toBe(stage);
    };
    await confirm('Đã phê duyệt', '01/08/2014');
    await confirm('Đang xây dựng', '01/09/2014');
    await confirm('Đã bàn giao', '20/12/2014', {
      'Số biên bản bàn giao': '05/BB-BGN',
      'Bên bàn giao': 'Đại diện Sở Tư pháp (mẫu)',
      'Bên nhận': 'Chủ hộ (mẫu)',
    });
    await expect
      .poll(() => page.getByTestId('stage-HANDED_OVER').textContent(), WAIT)
      .toContain('20/12/2014');
    expect(await page.getByTestId('stage-APPROVED').textContent()).toContain('Lê Văn Duyệt (mẫu)');
    expect(await page.getByTestId('advance-stage').count()).toBe(0);

    // Back on the dashboard: one project handed over, and area 5 of the memorandum completed.
    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    await expect.poll(figure(page, 'HANDED_OVER'), WAIT).toBe('1');
    expect(await figure(page, 'SURVEYED')()).toBe('0');
    const dashboard = page.getByTestId('dashboard-memorandum-progress');
    await expect
      .poll(() => dashboard.getByTestId(`area-achieved-${AREA}`).textContent(), WAIT)
      .toBe('1');
    await expect
      .poll(() => dashboard.getByTestId(`area-status-${AREA}`).textContent(), WAIT)
      .toBe('Hoàn thành');
  }, 120_000);
});
