import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

async function signIn(page: Page, app: TestApp) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('dashboard-household-overview').waitFor();
}

describeBrowser('households: a yearly review recorded in the admin decides the category', () => {
  let app: TestApp;
  let browser: Browser;
  let householdId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
    const cookie = await app.login();
    const [village] = (await app.db.query(
      `SELECT id FROM administrative_units WHERE level = 'VILLAGE' ORDER BY name LIMIT 1`,
    )) as { id: string }[];
    householdId = dataOf(
      await app.graphql(
        `mutation ($v: ID!) { result: createHousehold(villageId: $v, headName: "Hộ rà soát trên trang quản trị (kiểm thử)") { id } }`,
        { v: village!.id },
        { cookie },
      ),
    ).result.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Records a review from the household's page, returning there once saved. */
  async function recordReview(
    page: Page,
    review: { year: string; day: string; standard: string; result: string },
  ) {
    await page.getByRole('link', { name: 'Thêm kết quả rà soát' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/PovertyReview/create'));
    await page.getByLabel(labelled('Năm rà soát')).fill(review.year);
    await page.getByLabel(labelled('Ngày công nhận kết quả')).fill(review.day);
    // The standard in force in that year is chosen by itself.
    await expect
      .poll(
        () => page.getByRole('combobox', { name: labelled('Chuẩn nghèo áp dụng') }).textContent(),
        WAIT,
      )
      .toContain(review.standard);
    await page.getByRole('combobox', { name: labelled('Kết quả rà soát') }).click();
    await page.getByRole('option', { name: review.result, exact: true }).click();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => url.hash === `#/Household/${householdId}/show`);
  }

  it('a POOR review opens the poor period, a NOT_POOR one closes it', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await signIn(page, app);
    await page.goto(`${app.url}/#/Household/${householdId}/show`);
    const periods = page.getByTestId('household-category-periods');
    await periods.waitFor();
    expect(await periods.getByText('Theo kết quả rà soát').count()).toBe(0);

    await recordReview(page, {
      year: '2014',
      day: '2014-12-20',
      standard: 'Chuẩn nghèo giai đoạn 2011–2015 (Quyết định 09/2011/QĐ-TTg)',
      result: 'Hộ nghèo',
    });
    await periods.getByText('Theo kết quả rà soát').waitFor();
    await periods.getByText('20/12/2014').waitFor();
    await periods.getByText('Hộ nghèo').waitFor();

    await recordReview(page, {
      year: '2016',
      day: '2016-12-15',
      standard: 'Chuẩn nghèo tiếp cận đa chiều giai đoạn 2016–2020',
      result: 'Không nghèo',
    });
    await periods.getByText('14/12/2016').waitFor();

    // The period says where it comes from, and an administrator's edit asks why.
    await periods.getByText('20/12/2014').click();
    await page.waitForURL((url) => /#\/HouseholdCategoryPeriod\/[^/]+\/show/.test(url.hash));
    // The address changes before the period's page replaces the household's, whose own "Sửa"
    // (edit the household) would otherwise be the one clicked.
    await periods.waitFor({ state: 'detached' });
    await page.getByText('Theo kết quả rà soát').first().waitFor();
    await page.getByRole('link', { name: 'Sửa' }).click();
    await page.waitForURL((url) => /#\/HouseholdCategoryPeriod\/[^/]+$/.test(url.hash));
    await page
      .getByText('Thời kỳ này được xác định theo kết quả rà soát hộ nghèo hằng năm', {
        exact: false,
      })
      .waitFor();
    await page.getByLabel(labelled('Lý do điều chỉnh')).waitFor();
  });
});
