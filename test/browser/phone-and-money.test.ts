import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/** `1.500.000 ₫` as vi-VN writes it (dots between thousands, a space, the đồng sign). */
const MONEY = /^-?\d{1,3}(\.\d{3})*\s₫$/;

/** A database column name such as `posted_by_id`, which people never see. */
const SNAKE_CASE = /\b[a-z]+_[a-z_]+\b/g;

/**
 * The admin in daily use (issue 13): on a 390×844 phone no screen scrolls sideways and the app
 * bar's title is whole; money reads `1.500.000 ₫` in every list and in the change history, which
 * never shows database column names; dates read dd/MM/yyyy even in an English-language browser;
 * leaving a form with unsaved edits asks first.
 */
describeBrowser('the admin on a phone, with money and dates as people write them', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), startTestApp()]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function signIn(viewport: { width: number; height: number }, locale = 'vi-VN') {
    const context = await browser.newContext({ viewport, locale });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
    await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), WAIT);
    return page;
  }

  /** Opens a hash route and waits until nothing has been loading for a moment. */
  async function open(page: Page, hash: string) {
    await page.goto(`${app.url}/#${hash}`);
    const busy = '.app-loader, .MuiLinearProgress-indeterminate, .MuiSkeleton-root';
    for (let quiet = 0; quiet < 2;) {
      await page.waitForTimeout(150);
      const loading = await page.locator(busy).count();
      quiet = loading ? 0 : quiet + 1;
    }
  }

  /**
   * How far the page scrolls sideways, and how far the widest scrolling box inside a list does
   * (a list's table in a scrolling wrapper would not widen the page, but it would not fit either).
   */
  const overflow = (page: Page) =>
    page.evaluate<{ page: number; inner: number }>(`(() => {
      let inner = 0;
      for (const el of document.querySelectorAll('.RaList-main *')) {
        const { overflowX } = getComputedStyle(el);
        if (overflowX === 'auto' || overflowX === 'scroll')
          inner = Math.max(inner, el.scrollWidth - el.clientWidth);
      }
      return { page: document.documentElement.scrollWidth - window.innerWidth, inner };
    })()`);

  /** The app bar's title and whether it shows whole (not cut to "Tổng q…"). */
  const titleOf = (page: Page) =>
    page.evaluate<{ text: string; whole: boolean }>(`(() => {
      const el = document.getElementById('react-admin-title');
      return {
        text: el ? el.textContent : '',
        whole: !!el && el.scrollWidth <= el.clientWidth && el.clientWidth > 0,
      };
    })()`);

  async function someId(resource: string, table: string) {
    const rows = (await app.db.query(`SELECT id FROM ${table} ORDER BY id LIMIT 1`)) as {
      id: string;
    }[];
    if (!rows[0]) throw new Error(`the demo data has no ${resource}`);
    return rows[0].id;
  }

  it('fits every screen of the menu, and a few record pages, on a 390×844 phone', async () => {
    const page = await signIn(PHONE);
    await page.locator('#react-admin-title').waitFor();
    expect(await titleOf(page)).toEqual({ text: 'Tổng quan', whole: true });

    // The menu is what a user can reach: every entry in it is checked, so a new screen is too.
    await page.getByRole('button', { name: 'Mở trình đơn' }).click();
    const hrefs = await page.evaluate<(string | null)[]>(
      `[...document.querySelectorAll('[role="menuitem"]')].map((item) => item.getAttribute('href'))`,
    );
    const entries = hrefs.filter((href): href is string => !!href?.startsWith('#/'));
    expect(entries.length).toBeGreaterThan(30);
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem').first().waitFor({ state: 'hidden' });

    const [household, fund, visit] = await Promise.all([
      someId('household', 'households'),
      someId('fund', 'funds'),
      someId('visit', 'visits'),
    ]);
    const records = [
      `/Household/${household}/show`,
      `/Household/${household}`,
      `/Fund/${fund}/show`,
      `/Visit/${visit}/show`,
      '/Visit/create',
      '/Household/create',
    ];

    const wide: Record<string, { page: number; inner: number }> = {};
    for (const hash of [...entries.map((h) => h.slice(1)), ...records]) {
      await open(page, hash);
      const by = await overflow(page);
      if (by.page > 0)
        await page.screenshot({
          path: `/tmp/admin-ux-shot${hash.replace(/\//g, '_')}.png`,
          fullPage: true,
        }); // TEMP
      if (by.page > 0 || by.inner > 0) wide[hash] = by;
    }
    expect(wide).toEqual({});
  });

  /** June 2014's dues of the first fund, recorded through the API; the contributions' ids. */
  let recorded: { id: string; amount: string }[] = [];
  async function recordDues() {
    if (recorded.length) return recorded;
    const cookie = await app.login();
    const [fund] = (await app.db.query(
      'SELECT fund_id AS id FROM contribution_rates ORDER BY fund_id LIMIT 1',
    )) as { id: string }[];
    const result = await app.graphql(
      `mutation ($f: ID!) { recordMonthDues(fundId: $f, month: "2014-06-01", paidDate: "2014-06-30") {
         recorded } }`,
      { f: fund!.id },
      { cookie },
    );
    expect(result.body.errors).toBeUndefined();
    recorded = (await app.db.query(
      'SELECT id, amount::text AS amount FROM contributions WHERE fund_id = $1 ORDER BY id',
      [fund!.id],
    )) as { id: string; amount: string }[];
    expect(recorded.length).toBeGreaterThan(0);
    return recorded;
  }

  it('writes money as 1.500.000 ₫ in the fund, contribution, disbursement and rate lists', async () => {
    await recordDues();
    const page = await signIn({ width: 1280, height: 900 });
    const columns: [string, string][] = [
      ['/Fund', 'balance'],
      ['/Contribution', 'amount'],
      ['/Disbursement', 'amount'],
      ['/ContributionRate', 'monthlyAmount'],
    ];
    for (const [hash, source] of columns) {
      await open(page, hash);
      await page.locator(`td.column-${source}`).first().waitFor({ timeout: 30_000 });
      const cells = await page.locator(`td.column-${source}`).allTextContents();
      expect(cells.length, `${hash} shows rows`).toBeGreaterThan(0);
      expect(
        cells.filter((text) => !MONEY.test(text.trim())),
        `${hash}: ${source}`,
      ).toEqual([]);
    }
  });

  it('shows money in the change history as 1.500.000 ₫, and fields by their labels', async () => {
    const [contribution] = await recordDues();
    const page = await signIn({ width: 1280, height: 900 });
    await open(page, `/Contribution/${contribution!.id}/show`);
    const history = page.getByTestId('record-history');
    // 30000 → "30.000 ₫": dots between thousands, then the đồng sign.
    const dotted = contribution!.amount.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    await expect
      .poll(() => history.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`${dotted}\\s₫`));
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Số tiền');
    expect(text.match(SNAKE_CASE)).toBeNull();

    // A posted disbursement names who posted it, by label (`posted_by_id` is the column).
    const [disbursement] = (await app.db.query(
      'SELECT id FROM disbursements ORDER BY posted_by_id IS NULL, id LIMIT 1',
    )) as { id: string }[];
    await open(page, `/Disbursement/${disbursement!.id}/show`);
    await expect.poll(() => history.textContent(), { timeout: 30_000 }).toMatch(/\d\s₫/);
    expect(((await history.textContent()) ?? '').match(SNAKE_CASE)).toBeNull();

    // The change log's first page, every table: columns by their labels only.
    await open(page, '/AuditEntry');
    const changed = await page.locator('td.column-changedFields').allTextContents();
    expect(changed.join(' ').match(SNAKE_CASE)).toBeNull();
  });

  it('shows and reads dates as dd/MM/yyyy in an English-language browser', async () => {
    const page = await signIn({ width: 1280, height: 900 }, 'en-US');
    expect(await page.evaluate<string>('navigator.language')).toBe('en-US');
    await open(page, '/Visit/create');
    const visitDate = page.getByLabel(labelled('Ngày thăm'));
    await visitDate.fill('29/11/2024');
    await visitDate.blur();
    expect(await visitDate.inputValue()).toBe('29/11/2024');
    await visitDate.fill('31/02/2024');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Nhập ngày dạng 29/11/2026').waitFor();

    const [visit] = (await app.db.query(
      `SELECT id, to_char(visit_date, 'DD/MM/YYYY') AS shown FROM visits ORDER BY id LIMIT 1`,
    )) as { id: string; shown: string }[];
    await open(page, `/Visit/${visit!.id}`);
    expect(await page.getByLabel(labelled('Ngày thăm')).inputValue()).toBe(visit!.shown);

    await open(page, '/dues');
    expect(await page.getByTestId('dues-paid-date').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.getByTestId('dues-month').inputValue()).toMatch(/^\d{2}\/\d{4}$/);
  });

  it('ends the page-not-found text with one full stop', async () => {
    const page = await signIn({ width: 1280, height: 900 });
    await open(page, '/no-such-page');
    // The page's text comes with a chunk of its own, after the loaders are gone: wait for it (a
    // fresh clone's CI once read the main area empty).
    await page
      .locator('#main-content')
      .getByText('Đường dẫn không đúng', { exact: false })
      .waitFor({ timeout: 15_000 });
    const text = (await page.locator('#main-content').textContent()) ?? '';
    expect(text).toContain('Đường dẫn không đúng hoặc liên kết đã hỏng.');
    expect(text).not.toContain('..');
  });

  it('asks before leaving a form with unsaved edits, and stays when told to', async () => {
    const page = await signIn({ width: 1280, height: 900 });
    const [household] = (await app.db.query('SELECT id FROM households ORDER BY id LIMIT 1')) as {
      id: string;
    }[];
    await open(page, `/Household/${household!.id}`);
    const address = page.getByLabel(labelled('Địa chỉ'));
    await address.fill('Thôn 4, sửa mà chưa lưu');
    const asked = page.waitForEvent('dialog');
    await page.getByRole('menuitem', { name: 'Kế hoạch', exact: true }).click();
    const dialog = await asked;
    expect(dialog.message()).toBe('Một số thay đổi chưa được lưu. Bạn có chắc muốn bỏ qua?');
    await dialog.dismiss();
    expect(new URL(page.url()).hash).toBe(`#/Household/${household!.id}`);
    expect(await address.inputValue()).toBe('Thôn 4, sửa mà chưa lưu');
  });
});
