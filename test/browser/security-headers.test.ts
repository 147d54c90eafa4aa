import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/**
 * The admin runs under the server's content security policy (own origin only, no inline script,
 * no framing): a policy it breaks would show as violations here, and as a broken screen for users.
 */
describeBrowser('the admin under its content security policy', () => {
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

  it('signs in and opens the dashboard, a list and a record with no policy violation', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    // (Page code as text: the tests are compiled without the DOM's types.)
    await page.addInitScript({
      content: `window.violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          window.violations.push(event.violatedDirective + ' ' + event.blockedURI));`,
    });
    const answer = await page.goto(`${app.url}/`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
    await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('dashboard-memorandum-progress').waitFor();
    await page.getByRole('menuitem', { name: 'Hộ gia đình' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/Household'));
    await page.locator('.list-page tbody tr').first().click();
    await page.waitForURL((url) => /#\/Household\/[^/]+\/show/.test(url.hash));
    await page.getByText('Lịch sử thay đổi').first().waitFor();
    // The page looks as designed: the bundled font and the styles MUI writes inline took effect.
    const font = await page.evaluate<string>('getComputedStyle(document.body).fontFamily');
    expect(font).toContain('Be Vietnam Pro');
    expect(await page.evaluate<string[]>('window.violations')).toEqual([]);
  }, 120_000);
});
