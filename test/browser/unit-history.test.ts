import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

/**
 * The 2025 reform in the admin: the unit's page tells what it became, and the switch "Theo đơn vị
 * lúc đó / Theo đơn vị hiện nay" of the household list and the dashboard finds the Xuân Sơn Bắc
 * households by today's successor, and not as the successor was.
 */
const WAIT = { timeout: 30_000 };
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

async function signIn(page: Page, app: TestApp) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('dashboard-household-overview').waitFor();
}

describeBrowser('administrative units across the 2025 reform in the admin', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let xsb: string;
  let successor: string;
  let demoHouseholds: number;
  let aHeadName: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
    const id = async (name: string) =>
      (
        (await app.db.query('SELECT id FROM administrative_units WHERE name = $1', [name])) as {
          id: string;
        }[]
      )[0]!.id;
    xsb = await id('Xuân Sơn Bắc');
    successor = await id('Đồng Xuân (mẫu)');
    const rows = (await app.db.query(
      `SELECT h.head_name FROM households h JOIN administrative_units v ON v.id = h.village_id
        WHERE v.parent_id = $1 ORDER BY h.head_name`,
      [xsb],
    )) as { head_name: string }[];
    demoHouseholds = rows.length;
    aHeadName = rows[0]!.head_name;
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await signIn(page, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the commune’s page shows its name as it was and what it became', async () => {
    await page.goto(`${app.url}/#/AdministrativeUnit/${xsb}/show`);
    await page.getByText('xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên').first().waitFor();
    await page.getByRole('heading', { name: 'Đã trở thành' }).waitFor();
    const became = page.getByRole('row').filter({ hasText: 'Sáp nhập vào' });
    await became.first().waitFor();
    await expect.poll(() => became.first().textContent(), WAIT).toContain('01/07/2025');
    await expect.poll(() => became.first().textContent(), WAIT).toContain('Đồng Xuân (mẫu)');
    await page.getByRole('link', { name: 'Ghi nhận kế thừa' }).waitFor();
  });

  it('the household list by today’s successor finds the Xuân Sơn Bắc households; as it was, none', async () => {
    expect(demoHouseholds).toBeGreaterThan(0);
    const filter = encodeURIComponent(JSON.stringify({ unitId: successor, unitMode: 'AS_THEN' }));
    await page.goto(`${app.url}/#/Household?filter=${filter}`);
    const asThen = page.getByRole('radio', { name: 'Theo đơn vị lúc đó' });
    const today = page.getByRole('radio', { name: 'Theo đơn vị hiện nay' });
    await asThen.waitFor();
    expect(await asThen.isChecked()).toBe(true);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => page.getByText(aHeadName).count(), WAIT).toBe(0);

    await today.check();
    await expect.poll(() => rows.count(), WAIT).toBe(demoHouseholds);
    await page.getByText(aHeadName).first().waitFor();

    await asThen.check();
    await expect.poll(() => page.getByText(aHeadName).count(), WAIT).toBe(0);
  });

  it('the dashboard counts the successor’s households only by today’s unit', async () => {
    await page.goto(`${app.url}/#/`);
    const card = page.getByTestId('dashboard-household-overview');
    await card.getByTestId('household-count').waitFor();
    await card.getByLabel('Đơn vị hành chính').fill('Đồng Xuân (mẫu)');
    await page.getByRole('option', { name: /Đồng Xuân \(mẫu\)/ }).click();
    await expect.poll(() => card.getByTestId('household-count').textContent(), WAIT).toBe('0');
    await card.getByRole('button', { name: 'Theo đơn vị hiện nay' }).click();
    await expect
      .poll(() => card.getByTestId('household-count').textContent(), WAIT)
      .toBe(String(demoHouseholds));
    await card.getByRole('button', { name: 'Theo đơn vị lúc đó' }).click();
    await expect.poll(() => card.getByTestId('household-count').textContent(), WAIT).toBe('0');
  });
});
