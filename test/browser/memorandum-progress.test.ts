import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const AREA = 'TEMPORARY_HOUSE_REMOVAL';
const COMMITMENT_TITLE = 'Xóa 1 nhà tạm';
const MEMORANDUM_TITLE = 'Biên bản ghi nhớ về triển khai mô hình giúp đỡ xã nghèo';
const WAIT = { timeout: 30_000 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

const atHash = (hash: string) => (url: URL) => url.hash === hash;

/** The achieved quantity, status and percent of the area row inside `scope`. */
function areaRow(scope: Page | Locator) {
  const row = scope.getByTestId(`area-progress-${AREA}`);
  return {
    achieved: () => row.getByTestId(`area-achieved-${AREA}`).textContent(),
    status: () => row.getByTestId(`area-status-${AREA}`).textContent(),
    percent: () => row.getByTestId(`area-percent-${AREA}`).textContent(),
  };
}

async function signIn(page: Page, app: TestApp) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('dashboard-memorandum-progress').waitFor();
}

async function findCommitment(app: TestApp) {
  const { body } = await app.graphql<{
    allCommitments: { id: string; title: string; memorandumId: string }[];
  }>(
    'query ($q: String) { allCommitments(filter: { q: $q }) { id title memorandumId } }',
    { q: COMMITMENT_TITLE },
    { cookie: await app.login() },
  );
  const commitment = body.data?.allCommitments.find((c) => c.title === COMMITMENT_TITLE);
  if (!commitment) throw new Error(`the demo data has no commitment "${COMMITMENT_TITLE}"`);
  return commitment;
}

describeBrowser('memorandum progress in the admin', () => {
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

  it('records a result for "Xóa 1 nhà tạm" and the dashboard shows the area completed', async () => {
    const commitment = await findCommitment(app);
    const memorandumHash = `#/Memorandum/${commitment.memorandumId}/show`;
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await signIn(page, app);

    await page.getByRole('menuitem', { name: 'Biên bản ghi nhớ' }).click();
    // The list cell, not the dashboard's memorandum selector still on screen for a moment.
    await page.getByRole('cell', { name: MEMORANDUM_TITLE }).click();
    await page.waitForURL(atHash(memorandumHash));
    expect(await areaRow(page).achieved()).toBe('0');
    expect(await areaRow(page).status()).toBe('Chưa thực hiện');

    await page.getByTestId(`add-progress-${commitment.id}`).click();
    await page.waitForURL((url) => url.hash.startsWith('#/ProgressEntry/create'));
    await page.getByLabel(labelled('Ngày thực hiện')).fill('2014-06-30');
    await page.getByLabel(labelled('Kết quả đạt được')).fill('Đã xóa nhà tạm, bàn giao nhà mới');
    await page.getByLabel(labelled('Số lượng đạt được')).fill('1');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(atHash(memorandumHash));
    await expect.poll(areaRow(page).achieved, WAIT).toBe('1');

    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    const dashboard = areaRow(page.getByTestId('dashboard-memorandum-progress'));
    await expect.poll(dashboard.achieved, WAIT).toBe('1');
    await expect.poll(dashboard.status, WAIT).toBe('Hoàn thành');
    await expect.poll(dashboard.percent, WAIT).toBe('100%');
  }, 90_000);
});
