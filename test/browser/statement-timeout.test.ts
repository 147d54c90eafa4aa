import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/**
 * A search that runs past the statement timeout (a broad text over a whole country's households)
 * tells the civil servant, in Vietnamese, to narrow it, not that the server broke. The timeout is
 * 1.5 s here, and the list's statement waits on a lock the test holds.
 */
describeBrowser('a list stopped at the statement timeout, as the admin shows it', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [browser, app] = await Promise.all([
      launchBrowser(),
      startTestApp({ statementTimeoutMs: 1_500 }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks the user to narrow the search, in Vietnamese', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
    await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), WAIT);

    const lock = app.db.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query('LOCK TABLE households IN ACCESS EXCLUSIVE MODE');
      const filter = encodeURIComponent(JSON.stringify({ q: 'nguyen' }));
      await page.goto(`${app.url}/#/Household?filter=${filter}`);
      await page
        .getByText(/Yêu cầu chạy quá lâu nên đã dừng; hãy thu hẹp lại/)
        .first()
        .waitFor({ state: 'visible', ...WAIT });
      expect(await page.getByText(/Máy chủ gặp sự cố/).count()).toBe(0);
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
      await context.close();
    }
  });
});
