import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

const OFFICER_ROLE = 'Cán bộ phụ trách của cơ quan';

/**
 * The administrator's system screens at work: an account is created, used, and disabled from the
 * admin (the disabled user's open page falls back to the login screen, their sessions gone from the
 * database), and an edit made through a form is shown as who changed what, both on the record's
 * own page ("Lịch sử thay đổi") and in the searchable change log.
 */
describeBrowser('users and the history of changes, in the admin', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function signIn(username: string, password: string): Promise<[BrowserContext, Page]> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(username);
    await page.getByLabel(labelled('Mật khẩu')).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), WAIT);
    return [context, page];
  }

  /** The answer to the next GraphQL request naming `operation` (e.g. `updateUser`). */
  const graphqlAnswer = (page: Page, operation: string) =>
    page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        response.request().method() === 'POST' &&
        (response.request().postData() ?? '').includes(operation),
      WAIT,
    );

  it('creates an agency officer who can sign in, then disables them and ends their session', async () => {
    const organization = (
      (await app.db.query(
        `SELECT id, name FROM organizations
          WHERE id IN (SELECT organization_id FROM support_groups) ORDER BY name LIMIT 1`,
      )) as { id: string; name: string }[]
    )[0]!;
    const officer = {
      username: `canbo_${randomBytes(3).toString('hex')}`,
      displayName: 'Cán bộ tạo qua giao diện',
      password: randomBytes(12).toString('base64url'), // 16 characters
    };

    // The administrator: Hệ thống → Người dùng → Thêm mới.
    const [, admin] = await signIn(app.adminUsername, app.adminPassword);
    await admin.getByText('Hệ thống', { exact: true }).waitFor();
    await admin.getByRole('menuitem', { name: 'Người dùng' }).click();
    await admin.waitForURL((url) => url.hash.startsWith('#/User'), WAIT);
    await admin.getByRole('link', { name: 'Thêm mới' }).click();
    await admin.waitForURL((url) => url.hash.startsWith('#/User/create'), WAIT);
    await admin.getByLabel(labelled('Tên đăng nhập')).fill(officer.username);
    await admin.getByLabel(labelled('Họ và tên')).fill(officer.displayName);
    const role = admin.getByRole('combobox', { name: labelled('Vai trò') });
    await expect.poll(() => role.textContent(), WAIT).toContain(OFFICER_ROLE);
    await admin.getByLabel(labelled('Cơ quan')).fill(organization.name);
    await admin.getByRole('option', { name: organization.name, exact: true }).click();
    await admin.getByLabel(labelled('Mật khẩu')).fill(officer.password);
    const created = graphqlAnswer(admin, 'createUser');
    await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
    const createdBody = (await (await created).json()) as {
      data?: { data?: { id: string } };
      errors?: unknown[];
    };
    expect(createdBody.errors).toBeUndefined();
    const userId = createdBody.data!.data!.id;
    await admin.waitForURL((url) => url.hash === `#/User/${userId}/show`, WAIT);

    // Listed with its role's label and its agency.
    await admin.getByRole('menuitem', { name: 'Người dùng' }).click();
    await admin.waitForURL((url) => url.hash.startsWith('#/User') && !url.hash.includes(userId));
    // The user list's own table (react-admin's `.list-page`): the user page just left, still on
    // screen for a moment, has a change-history table whose rows also name the new account.
    const row = admin
      .locator('.list-page')
      .getByRole('row')
      .filter({ has: admin.getByRole('cell', { name: officer.username, exact: true }) });
    await row.waitFor();
    await row.getByText(OFFICER_ROLE).waitFor();
    await row.getByText(organization.name).waitFor();

    // The new account signs in, in a browser of its own, and gets the dashboard.
    const [, officerPage] = await signIn(officer.username, officer.password);
    await officerPage.getByTestId('dashboard-household-overview').waitFor();
    await officerPage.getByRole('menuitem', { name: 'Hộ gia đình' }).waitFor();
    const opened = (await app.db.query(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`,
      [userId],
    )) as { n: number }[];
    expect(opened[0]!.n).toBeGreaterThan(0);

    // The administrator disables the account: edit → "Đã khóa tài khoản" → save.
    await row.click();
    await admin.waitForURL((url) => url.hash === `#/User/${userId}/show`, WAIT);
    await admin.getByRole('link', { name: 'Sửa' }).click();
    await admin.waitForURL((url) => url.hash === `#/User/${userId}`, WAIT);
    const disabled = admin.getByLabel(labelled('Đã khóa tài khoản'));
    await disabled.waitFor();
    expect(await disabled.isChecked()).toBe(false);
    await disabled.check();
    const updated = graphqlAnswer(admin, 'updateUser');
    await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
    const updatedBody = (await (await updated).json()) as { errors?: unknown[] };
    expect(updatedBody.errors).toBeUndefined();
    await admin.waitForURL((url) => url.hash === `#/User/${userId}/show`, WAIT);

    // The officer's open page: the next screen they open sends them back to the login form.
    await officerPage.getByRole('menuitem', { name: 'Hộ gia đình' }).click();
    await officerPage.waitForURL((url) => url.hash.startsWith('#/login'), WAIT);
    await officerPage.getByLabel(labelled('Tên đăng nhập')).waitFor();
    // And reloading does not bring them back in.
    await officerPage.reload();
    await officerPage.waitForURL((url) => url.hash.startsWith('#/login'), WAIT);
    await officerPage.getByRole('button', { name: 'Đăng nhập' }).waitFor();

    const [user] = (await app.db.query(
      `SELECT username, role::text AS role, organization_id, disabled FROM users WHERE id = $1`,
      [userId],
    )) as { username: string; role: string; organization_id: string; disabled: boolean }[];
    expect(user).toEqual({
      username: officer.username,
      role: 'AGENCY_OFFICER',
      organization_id: organization.id,
      disabled: true,
    });
    const sessions = (await app.db.query(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`,
      [userId],
    )) as { n: number }[];
    expect(sessions[0]!.n).toBe(0);
  }, 120_000);

  it("shows an edit on the household's history and in the searchable change log", async () => {
    const household = (
      (await app.db.query(
        `SELECT id, head_name, address FROM households
          WHERE legal_basis = 'STATUTORY_DUTY' ORDER BY head_name LIMIT 1`,
      )) as { id: string; head_name: string; address: string | null }[]
    )[0]!;
    const address = `Số ${randomBytes(2).toString('hex')}, đường kiểm thử lịch sử`;

    const [, page] = await signIn(app.adminUsername, app.adminPassword);
    await page.goto(`${app.url}/#/Household/${household.id}`);
    const field = page.getByLabel(labelled('Địa chỉ'));
    await expect.poll(() => field.inputValue(), WAIT).toBe(household.address ?? '');
    await field.fill(address);
    const updated = graphqlAnswer(page, 'updateHousehold');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const updatedBody = (await (await updated).json()) as { errors?: unknown[] };
    expect(updatedBody.errors).toBeUndefined();
    await page.waitForURL((url) => url.hash === `#/Household/${household.id}/show`, WAIT);
    const stored = (await app.db.query(`SELECT address FROM households WHERE id = $1`, [
      household.id,
    ])) as { address: string }[];
    expect(stored[0]!.address).toBe(address);

    // "Lịch sử thay đổi" on the household's page: an update by the administrator, before → after.
    await page.getByRole('heading', { name: 'Lịch sử thay đổi' }).waitFor();
    const history = page.getByTestId('record-history');
    const change = history
      .getByRole('row')
      .filter({ has: page.getByTestId('audit-changes') })
      .filter({ hasText: address });
    await change.waitFor();
    await change.getByText('Sửa', { exact: true }).first().waitFor();
    await change.getByText(app.adminUsername, { exact: true }).waitFor();
    const addressLine = change
      .getByTestId('audit-changes')
      .getByRole('row')
      .filter({ hasText: 'Địa chỉ' });
    await addressLine.getByText(address).waitFor();
    if (household.address) await addressLine.getByText(household.address).waitFor();

    // The change log, searched by the household's id, lists the same update.
    await page.getByRole('menuitem', { name: 'Nhật ký thay đổi' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/AuditEntry'), WAIT);
    await page.getByPlaceholder('Tìm kiếm').fill(household.id);
    await page.waitForURL((url) => decodeURIComponent(url.hash).includes(household.id), WAIT);
    // The change log's own rows, not those of the household page's history just left.
    const rows = page.locator('.list-page tbody tr');
    await expect
      .poll(
        async () =>
          (await rows.allTextContents()).every((text) => text.includes(household.id)) &&
          (await rows.count()) > 0,
        WAIT,
      )
      .toBe(true);
    const entry = rows.filter({ hasText: 'Địa chỉ' }).filter({ hasText: app.adminUsername });
    await entry.getByText('Sửa', { exact: true }).waitFor();
    await entry.getByText('Hộ gia đình', { exact: true }).waitFor();
    await entry.getByRole('link', { name: household.id }).waitFor();
    const [logged] = (await app.db.query(
      `SELECT id FROM audit_log WHERE record_id = $1 AND operation = 'UPDATE'
          AND new_values->>'address' = $2`,
      [household.id, address],
    )) as { id: string }[];
    expect(logged).toBeDefined();

    // Opened, the entry shows the address before and after.
    await entry.click();
    await page.waitForURL((url) => url.hash === `#/AuditEntry/${logged!.id}/show`, WAIT);
    const changes = page.getByTestId('audit-changes');
    await changes.getByRole('row').filter({ hasText: 'Địa chỉ' }).getByText(address).waitFor();
  }, 120_000);
});
