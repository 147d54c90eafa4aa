import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

describeBrowser('the dashboard card "Tiêu chí nông thôn mới của xã"', () => {
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

  it('shows the demo commune’s criteria by year; a cell opens its assessment', async () => {
    const [{ id: assessmentId, criterion_id: criterionId }] = await app.db.query(
      `SELECT a.id, a.criterion_id FROM criterion_assessments a
         JOIN criteria c ON c.id = a.criterion_id JOIN criteria_sets s ON s.id = c.criteria_set_id
        WHERE s.code = 'NTM-2009' AND c.name = 'Chợ nông thôn' AND a.year = 2014`,
    );
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
    await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    const card = page.getByTestId('dashboard-commune-criteria');
    await card.getByText('Tiêu chí nông thôn mới của xã').waitFor();
    const table = card.getByTestId('commune-criteria-table');
    await table.waitFor();
    // Rows are criteria as each set names them; the market criterion of 2009 and what it became.
    await table.getByText('Tiêu chí 7: Chợ nông thôn').waitFor();
    await table.getByText('Tiêu chí 7: Cơ sở hạ tầng thương mại nông thôn').first().waitFor();
    await table.getByText('Tiêu chí 17: Môi trường', { exact: true }).waitFor();
    expect(await table.getByRole('columnheader', { name: '2014' }).count()).toBe(1);

    const cell = card.getByTestId(`criteria-cell-${criterionId}-2014`);
    expect(await cell.getAttribute('aria-label')).toBe('2014: Chưa đạt');
    await cell.click();
    await page.waitForURL((url) => url.hash === `#/CriterionAssessment/${assessmentId}/show`);
    await page.getByText('Dữ liệu mẫu (mẫu)', { exact: false }).waitFor();
    await page.getByText('Năm đánh giá').waitFor();
    expect(await page.getByText('2014', { exact: true }).count()).toBeGreaterThan(0);
    await page.close();
  });
});
