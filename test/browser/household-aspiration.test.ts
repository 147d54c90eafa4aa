import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const AUTHORITY = 'UBND xã Xuân Sơn Bắc';
const FINDINGS = 'Hộ đã nhận giống lúa, cần hướng dẫn kỹ thuật bón phân (kiểm thử)';
const CONTENT = 'Mong được vay vốn ưu đãi để mua bò giống (kiểm thử)';
const RESPONSE = 'Ngân hàng Chính sách xã hội huyện đã giải ngân khoản vay (kiểm thử)';
const WAIT = { timeout: 30_000 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/** `2026-11-27` → `27/11/2026`, as the admin shows dates. */
const shown = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Yesterday in UTC: not after "today" in the browser's time zone nor in Vietnam (the server's),
 * whatever zone the machine is in.
 */
const DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function signIn(page: Page, app: TestApp) {
  await page.goto(`${app.url}/`);
  await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
  await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('dashboard-household-overview').waitFor();
}

/** The open-aspiration total on the dashboard, once it has loaded. */
async function openAspirationCount(page: Page) {
  const count = page.getByTestId('open-aspiration-count');
  await count.waitFor();
  return Number(await count.textContent());
}

async function toDashboard(page: Page) {
  await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
  await page.waitForURL((url) => url.hash === '#/');
}

/** A demo household helped by a group (demo groups have no formation date). */
async function findHousehold(app: TestApp) {
  const { allHouseholds } = dataOf(
    await app.graphql<{ allHouseholds: { id: string; headName: string; groups: unknown[] }[] }>(
      'query { allHouseholds(sortField: "headName", sortOrder: "ASC") { id headName groups { id } } }',
      {},
      { cookie: await app.login() },
    ),
  );
  const household = allHouseholds.find((h) => h.groups.length > 0);
  if (!household) throw new Error('the demo data has no household helped by a group');
  return household;
}

async function findAspiration(app: TestApp, householdId: string) {
  const { allAspirations } = dataOf(
    await app.graphql<{ allAspirations: { id: string; content: string; visitId: string }[] }>(
      'query ($h: ID) { allAspirations(filter: { householdId: $h }) { id content visitId } }',
      { h: householdId },
      { cookie: await app.login() },
    ),
  );
  const aspiration = allAspirations.find((a) => a.content === CONTENT);
  if (!aspiration) throw new Error('the aspiration was not saved');
  return aspiration;
}

describeBrowser('households: a visit, an aspiration heard, forwarded and resolved', () => {
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

  it('records a visit and an aspiration, forwards it to the commune, resolves it; the dashboard follows', async () => {
    const household = await findHousehold(app);
    const householdHash = `#/Household/${household.id}/show`;
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await signIn(page, app);
    const before = await openAspirationCount(page);

    // The household, from the list.
    await page.getByRole('menuitem', { name: 'Hộ gia đình' }).click();
    await page.getByText(household.headName, { exact: true }).click();
    await page.waitForURL((url) => url.hash === householdHash);

    // A visit, recorded from the household page and listed in its timeline.
    await page.getByTestId('record-visit').click();
    await page.waitForURL((url) => url.hash.startsWith('#/Visit/create'));
    await expect
      .poll(() => page.getByLabel(labelled('Nhóm giúp đỡ')).inputValue(), WAIT)
      .not.toBe('');
    await page.getByLabel(labelled('Ngày thăm')).fill(DAY);
    // A visit needs at least one of the group's members who went (issue 13).
    await page.getByRole('combobox', { name: labelled('Người tham gia') }).click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await page.getByLabel(labelled('Tình hình ghi nhận')).fill(FINDINGS);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => url.hash === householdHash);
    const timeline = page.getByTestId('visit-timeline');
    await timeline.getByText(FINDINGS).waitFor();
    await timeline.getByText(shown(DAY)).waitFor();

    // An aspiration heard during that visit.
    await page.getByTestId('add-aspiration').click();
    await page.waitForURL((url) => url.hash.startsWith('#/Aspiration/create'));
    await page.getByRole('combobox', { name: labelled('Ghi nhận trong chuyến thăm') }).click();
    await page.getByRole('option', { name: shown(DAY) }).click();
    await page.getByLabel(labelled('Nội dung nguyện vọng')).fill(CONTENT);
    await page.getByLabel(labelled('Ngày ghi nhận')).fill(DAY);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => url.hash === householdHash);
    const aspiration = await findAspiration(app, household.id);
    const status = page.getByTestId(`aspiration-status-${aspiration.id}`);
    await expect.poll(() => status.textContent(), WAIT).toBe('Đã ghi nhận');
    await timeline.getByText(CONTENT).waitFor();

    await toDashboard(page);
    await expect.poll(() => openAspirationCount(page), WAIT).toBe(before + 1);

    // Forwarded to the commune's People's Committee.
    await page.goBack();
    await page.waitForURL((url) => url.hash === householdHash);
    await page.getByTestId(`forward-aspiration-${aspiration.id}`).click();
    const forward = page.getByTestId(`forward-aspiration-dialog-${aspiration.id}`);
    await forward.getByLabel(labelled('Cơ quan có thẩm quyền')).fill('Xuân Sơn Bắc');
    await page.getByRole('option', { name: AUTHORITY }).click();
    await forward.getByLabel(labelled('Ngày chuyển')).fill(DAY);
    await forward.getByRole('button', { name: 'Xác nhận' }).click();
    await forward.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent(), WAIT).toBe('Đã chuyển');
    await expect
      .poll(() => page.getByTestId(`forward-aspiration-${aspiration.id}`).count(), WAIT)
      .toBe(0);

    // The authority's answer: resolved.
    await page.getByTestId(`answer-aspiration-${aspiration.id}`).click();
    const answer = page.getByTestId(`answer-aspiration-dialog-${aspiration.id}`);
    await answer.getByRole('combobox', { name: labelled('Trạng thái') }).click();
    await page.getByRole('option', { name: 'Đã giải quyết' }).click();
    await answer.getByLabel(labelled('Nội dung trả lời')).fill(RESPONSE);
    await answer.getByLabel(labelled('Ngày trả lời')).fill(DAY);
    await answer.getByRole('button', { name: 'Xác nhận' }).click();
    await answer.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent(), WAIT).toBe('Đã giải quyết');

    await toDashboard(page);
    await expect.poll(() => openAspirationCount(page), WAIT).toBe(before);
  }, 120_000);
});
