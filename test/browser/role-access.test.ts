import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role } from '../../server/src/common/roles';
import { createUser } from '../../server/src/modules/user/auth.service';
import { startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/**
 * The admin hides what a role may not do, and the server refuses it anyway: an agency officer sees
 * no edit or delete on reference data, and the same delete sent straight to /graphql with the
 * officer's own session cookie is FORBIDDEN. No session token ever reaches page scripts.
 */
describeBrowser('what an agency officer sees and may do in the admin', () => {
  let app: TestApp;
  let browser: Browser;
  const officer = { username: `officer_${randomBytes(3).toString('hex')}`, password: '' };
  let ownOrganization: { id: string; name: string };
  let otherOrganization: { id: string; name: string };
  let otherHousehold: string;
  let ownHousehold: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
    const orgs = (await app.db.query(
      `SELECT o.id, o.name FROM organizations o
        WHERE o.id IN (SELECT organization_id FROM support_groups) ORDER BY o.name LIMIT 2`,
    )) as { id: string; name: string }[];
    [ownOrganization, otherOrganization] = [orgs[0]!, orgs[1]!];
    const headOf = async (organizationId: string) =>
      (
        (await app.db.query(
          `SELECT head_name FROM households WHERE organization_id = $1 ORDER BY head_name LIMIT 1`,
          [organizationId],
        )) as { head_name: string }[]
      )[0]!.head_name;
    ownHousehold = await headOf(ownOrganization.id);
    otherHousehold = await headOf(otherOrganization.id);
    officer.password = randomBytes(12).toString('base64url');
    await createUser(app.db, {
      username: officer.username,
      displayName: 'Cán bộ thử nghiệm',
      password: officer.password,
      role: Role.AGENCY_OFFICER,
      organizationId: ownOrganization.id,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(username: string, password: string): Promise<[BrowserContext, Page]> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(username);
    await page.getByLabel(labelled('Mật khẩu')).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), WAIT);
    return [context, page];
  }

  it('keeps the session out of page scripts and storage', async () => {
    const [context, page] = await signIn(officer.username, officer.password);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes('plan68_session'));
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe('Lax');
    // A string, evaluated in the page: the test project has no DOM types.
    const visible = (await page.evaluate(`({
      cookie: document.cookie,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    })`)) as { cookie: string; local: string; session: string };
    expect(visible.cookie).not.toContain(session!.value);
    expect(visible.local).not.toContain(session!.value);
    expect(visible.session).not.toContain(session!.value);
    await context.close();
  });

  it('shows no edit or delete on an organization to an officer, while an administrator has them', async () => {
    const [adminContext, adminPage] = await signIn(app.adminUsername, app.adminPassword);
    await adminPage.goto(`${app.url}/#/Organization/${otherOrganization.id}/show`);
    await adminPage.getByText(otherOrganization.name).first().waitFor(WAIT);
    await adminPage.getByRole('button', { name: 'Xóa' }).waitFor(WAIT);
    await expect(adminPage.getByRole('link', { name: 'Sửa' }).count()).resolves.toBe(1);
    await adminContext.close();

    const [context, page] = await signIn(officer.username, officer.password);
    await page.goto(`${app.url}/#/Organization/${otherOrganization.id}/show`);
    await page.getByText(otherOrganization.name).first().waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Xóa' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sửa' }).count()).toBe(0);
    await page.goto(`${app.url}/#/Organization`);
    await page.getByText(otherOrganization.name).first().waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'Thêm mới' }).count()).toBe(0);

    // The server decides: the hidden delete, sent by hand with the officer's own cookie.
    const answer = await page.evaluate(async (id) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($id: ID!) { deleteOrganization(id: $id) { id } }',
          variables: { id },
        }),
      });
      return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    }, otherOrganization.id);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const still = (await app.db.query(
      `SELECT count(*)::int AS n FROM organizations WHERE id = $1`,
      [otherOrganization.id],
    )) as { n: number }[];
    expect(still[0]!.n).toBe(1);
    await context.close();
  });

  it("lists the officer's own households and not another agency's", async () => {
    const [context, page] = await signIn(officer.username, officer.password);
    await page.goto(`${app.url}/#/Household`);
    await page.getByText(ownHousehold).first().waitFor(WAIT);
    expect(await page.getByText(otherHousehold).count()).toBe(0);
    await context.close();
  });

  it('gives a viewer the dashboards and nothing else, without errors', async () => {
    const viewer = { username: `viewer_${randomBytes(3).toString('hex')}`, password: '' };
    viewer.password = randomBytes(12).toString('base64url');
    await createUser(app.db, { ...viewer, displayName: 'Người xem thử', role: Role.VIEWER });
    const [context, page] = await signIn(viewer.username, viewer.password);
    const failures: string[] = [];
    page.on('response', (response) => {
      if (!response.url().endsWith('/graphql')) return;
      void response
        .json()
        .then((body: { errors?: { message: string }[] }) => {
          for (const error of body.errors ?? []) failures.push(error.message);
        })
        .catch(() => undefined);
    });
    await page.reload();
    await page.getByTestId('dashboard-memorandum-progress').waitFor(WAIT);
    await page.getByTestId('dashboard-household-overview').waitFor(WAIT);
    await page.getByTestId('dashboard-fund').waitFor(WAIT);
    await page.getByTestId('dashboard-fund-select').waitFor(WAIT);
    await page.waitForLoadState('networkidle');
    expect(failures).toEqual([]);
    // No list screens in the menu: households, funds and staff are not the viewer's.
    for (const name of ['Hộ gia đình', 'Quỹ', 'Cán bộ']) {
      expect(await page.getByRole('menuitem', { name, exact: true }).count()).toBe(0);
    }
    await context.close();
  });
});
