import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const FUND_NAME = 'Quỹ thực hiện Kế hoạch 68 – Sở Tư pháp Phú Yên';
// The demo records June 2014 (the groups' first month); July is the first month left to record.
const MONTH = '2014-07-01';
// Justice's 7 groups of 3 staff, and its director and deputy director.
const JUSTICE_STAFF = 7 * 3 + 2;
const WAIT = { timeout: 30_000 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

async function signIn(page: Page, app: TestApp) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('dashboard-fund').waitFor();
}

async function findFund(app: TestApp, cookie: string) {
  const { body } = await app.graphql<{ allFunds: { id: string; name: string }[] }>(
    '{ allFunds { id name } }',
    {},
    { cookie },
  );
  const fund = body.data?.allFunds.find((f) => f.name === FUND_NAME);
  if (!fund) throw new Error(`the demo data has no fund "${FUND_NAME}"`);
  return fund;
}

/** Picks the fund and 2014 on the dashboard's fund card; returns the compliance percent shown. */
async function dashboardCompliance(page: Page, fundId: string) {
  const card = page.getByTestId('dashboard-fund');
  await card.getByTestId('dashboard-fund-select').selectOption(fundId);
  await card.getByTestId('dashboard-fund-year').selectOption('2014');
  const compliance = card.getByTestId('fund-compliance');
  await compliance.waitFor();
  return compliance;
}

const percentOf = (text: string | null) => {
  const match = /^(\d+)%$/.exec(text ?? '');
  if (!match) throw new Error(`not a percent: ${text}`);
  return Number(match[1]);
};

describeBrowser('month-at-once dues in the admin', () => {
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

  it('records July 2014 for everyone and the dashboard compliance goes up', async () => {
    const cookie = await app.login();
    const fund = await findFund(app, cookie);
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await signIn(page, app);

    // The percent for this fund and year, once the card has loaded them.
    const { body: before } = await app.graphql<{ fundOverview: { compliancePercent: number } }>(
      'query ($id: ID!) { fundOverview(fundId: $id, year: 2014) { compliancePercent } }',
      { id: fund.id },
      { cookie },
    );
    const compliance = await dashboardCompliance(page, fund.id);
    await expect
      .poll(() => compliance.textContent(), WAIT)
      .toBe(`${before.data?.fundOverview.compliancePercent}%`);
    const percentBefore = percentOf(await compliance.textContent());

    await page.getByRole('menuitem', { name: 'Thu đóng góp theo tháng' }).click();
    await page.waitForURL((url) => url.hash === '#/dues');
    await page.getByTestId('dues-fund').selectOption(fund.id);
    await page.getByTestId('dues-month').fill('2014-07');
    await page.getByTestId('dues-paid-date').fill('2014-07-31');
    const rows = page.locator('[data-testid^="dues-row-"]');
    await expect.poll(() => rows.count(), WAIT).toBe(JUSTICE_STAFF);
    await expect.poll(() => page.locator('[data-paid="false"]').count(), WAIT).toBe(JUSTICE_STAFF);
    await page.getByTestId('dues-record').click();
    await expect
      .poll(() => page.getByTestId('dues-result').textContent(), WAIT)
      .toMatch(new RegExp(`Đã ghi nhận ${JUSTICE_STAFF} người`));
    await expect.poll(() => page.locator('[data-paid="true"]').count(), WAIT).toBe(JUSTICE_STAFF);

    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    const after = await dashboardCompliance(page, fund.id);
    await expect
      .poll(async () => percentOf(await after.textContent()), WAIT)
      .toBeGreaterThan(percentBefore);

    const { body } = await app.graphql<{ fundDues: { paid: number; arrears: number }[] }>(
      'query ($id: ID!, $m: LocalDate!) { fundDues(fundId: $id, fromMonth: $m, toMonth: $m) { paid arrears } }',
      { id: fund.id, m: MONTH },
      { cookie },
    );
    const lines = body.data?.fundDues ?? [];
    expect(lines).toHaveLength(JUSTICE_STAFF);
    expect(lines.every((line) => line.arrears === 0 && line.paid > 0)).toBe(true);
  }, 120_000);
});
