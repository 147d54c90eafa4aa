import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ADMIN_LIST_FIELDS,
  adminSort,
  DASHBOARD_FUND_PICKER,
  listBodies,
} from '../../server/src/bench/admin-requests';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const PHONE = { width: 390, height: 844 };

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/** Fields of a household the household table does not show: personal details and child lists. */
const NOT_SHOWN = ['address', 'notes', 'circumstances', 'consentEvidence', 'members', 'visits'];

/** The fields an `allX` request asks of each record (the `items` selection). */
function itemFields(body: string): string[] {
  const { query } = JSON.parse(body) as { query: string };
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const items = operation.selectionSet.selections.find(
    (node): node is FieldNode => node.kind === Kind.FIELD && node.alias?.value === 'items',
  );
  return (items?.selectionSet?.selections ?? [])
    .filter((node): node is FieldNode => node.kind === Kind.FIELD)
    .map((node) => node.name.value)
    .filter((name) => name !== '__typename');
}

/**
 * A list asks the API only for what its table shows: the household page no longer reads (and logs)
 * addresses, notes and seven child lists per household to draw five columns. A list whose column
 * is drawn by its own code, and any list on a phone (one line per record, drawn its own way), asks
 * every field as before: a cell must never come out empty because its field was not asked. A
 * reference drawn by its name asks only for the name, and the record's own page still reads it
 * whole; a reference named by code (a visit by its date) reads the whole record.
 */
describeBrowser('lists and references ask only for the fields they show', () => {
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

  /** Signs in as the admin; every list request's body is kept, newest last, by operation. */
  async function signIn(viewport = { width: 1400, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    const sent = new Map<string, string[]>();
    page.on('request', (request) => {
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
      const name = (JSON.parse(request.postData() ?? '{}') as { operationName?: string })
        .operationName;
      if (name) sent.set(name, [...(sent.get(name) ?? []), request.postData()!]);
    });
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(app.adminUsername);
    await page.getByLabel(labelled('Mật khẩu')).fill(app.adminPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), WAIT);
    return { page, sent };
  }

  /** The requests of `operation` sent from now on, once `count` of them have gone. */
  async function requestsOf(sent: Map<string, string[]>, operation: string, count: number) {
    await expect.poll(() => sent.get(operation)?.length ?? 0, WAIT).toBeGreaterThanOrEqual(count);
    return sent.get(operation)!;
  }

  /** The first households by head name, as the API gives them to the admin. */
  async function firstHouseholds() {
    const { allHouseholds } = dataOf(
      await app.graphql<{
        allHouseholds: {
          headName: string;
          village: { name: string };
          groups: { name: string }[];
        }[];
      }>(
        'query { allHouseholds(sortField: "headName", sortOrder: "ASC", perPage: 10) { headName village { name } groups { name } } }',
        {},
        { cookie: await app.login() },
      ),
    );
    return allHouseholds;
  }

  it('the household table asks for its columns, shows every one filled, and keeps asking only them on a refresh', async () => {
    const { page, sent } = await signIn();
    await page.goto(`${app.url}/#/Household`);
    const [first] = await requestsOf(sent, 'allHouseholds', 1);
    const asked = itemFields(first!);
    expect(asked).toEqual(expect.arrayContaining(['id', 'headName', 'villageId', 'groups']));
    for (const field of NOT_SHOWN) expect(asked).not.toContain(field);

    // What the API holds shows in the table: the head, the village's name, the group chips.
    const expected = await firstHouseholds();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(expected.length);
    for (const [index, household] of expected.slice(0, 3).entries()) {
      const row = rows.nth(index);
      await expect.poll(() => row.innerText(), WAIT).toContain(household.headName);
      await expect.poll(() => row.innerText(), WAIT).toContain(household.village.name);
      for (const group of household.groups)
        await expect.poll(() => row.innerText(), WAIT).toContain(group.name);
    }

    // A refresh asks again with the same params: still only the table's fields.
    await page.getByRole('button', { name: 'Tải lại' }).first().click();
    const again = await requestsOf(sent, 'allHouseholds', 2);
    const refreshed = itemFields(again.at(-1)!);
    expect(refreshed).toEqual(asked);
  });

  it('a list with a column drawn by its own code asks every field, and the cell is drawn', async () => {
    const { page, sent } = await signIn();
    // The aspirations table draws each open aspiration's age from two fields of the record.
    await page.goto(`${app.url}/#/Aspiration`);
    const [first] = await requestsOf(sent, 'allAspirations', 1);
    const asked = itemFields(first!);
    expect(asked).toEqual(expect.arrayContaining(['open', 'ageDays', 'content', 'createdAt']));
    await expect.poll(() => page.locator('tbody tr').count(), WAIT).toBeGreaterThan(0);
  });

  it('a reference drawn by its name asks only for it, and the record’s own page still reads it whole', async () => {
    // The members page names each member's household by its head's name.
    const { allHouseholdMembers } = dataOf(
      await app.graphql<{
        allHouseholdMembers: {
          household: { id: string; headName: string; circumstances: string | null };
        }[];
      }>(
        'query { allHouseholdMembers(sortField: "fullName", sortOrder: "ASC", perPage: 10) { household { id headName circumstances } } }',
        {},
        { cookie: await app.login() },
      ),
    );
    const index = allHouseholdMembers.findIndex((m) => m.household.circumstances);
    expect(
      index,
      'a member on the first page whose household has its circumstances written',
    ).toBeGreaterThanOrEqual(0);
    const { household } = allHouseholdMembers[index]!;

    const { page, sent } = await signIn();
    await page.goto(`${app.url}/#/HouseholdMember`);
    const [read] = await requestsOf(sent, 'allHouseholds', 1);
    expect(itemFields(read!)).toEqual(['id', 'headName']);
    const link = page
      .locator('tbody tr')
      .nth(index)
      .getByRole('link', { name: household.headName });
    await link.waitFor(WAIT);

    // The household's own page shows what the name-only read did not ask for.
    await link.click();
    await page.waitForURL((url) => url.hash.includes(household.id), WAIT);
    // The page's text and its inputs' values (an edit page shows them in a field).
    const shown = () =>
      page.evaluate<string>(`[document.body.innerText,
        ...[...document.querySelectorAll('input, textarea')].map((input) => input.value)].join('\\n')`);
    await expect.poll(shown, WAIT).toContain(household.circumstances);
  });

  it('a reference named by its own code (a visit, by its date) reads the whole record and shows it', async () => {
    const { allAspirations } = dataOf(
      await app.graphql<{ allAspirations: { id: string; visit: { visitDate: string } | null }[] }>(
        'query { allAspirations(perPage: 100) { id visit { visitDate } } }',
        {},
        { cookie: await app.login() },
      ),
    );
    const aspiration = allAspirations.find((a) => a.visit);
    expect(aspiration, 'a demo aspiration raised during a visit').toBeDefined();
    const { page, sent } = await signIn();
    await page.goto(`${app.url}/#/Aspiration/${aspiration!.id}/show`);
    const [read] = await requestsOf(sent, 'allVisits', 1);
    expect(itemFields(read!)).toEqual(expect.arrayContaining(['id', 'visitDate', 'findings']));
    const day = aspiration!.visit!.visitDate.split('-').reverse().join('/');
    await page.getByText(day).first().waitFor(WAIT);
  });

  it('the bench sends each list it measures exactly as the admin asks it', async () => {
    // `npm run bench` builds its bodies from schema.graphql and a copy of each page's columns; the
    // load it measures is only the admin's if they match what the admin really sends.
    const bodyOf = await listBodies();
    const { page, sent } = await signIn();
    /** Same query text and order; `perPage` too where the bench sends the admin's own. */
    const sameRequest = (adminBody: string, benchBody: string, what: string, keys: string[]) => {
      const [admin, bench] = [JSON.parse(adminBody), JSON.parse(benchBody)];
      expect(admin.query, what).toBe(bench.query);
      const pick = (variables: Record<string, unknown>) => keys.map((key) => variables[key]);
      expect(pick(admin.variables), what).toEqual(pick(bench.variables));
    };
    const ORDER = ['sortField', 'sortOrder'];

    // The dashboard, where the admin lands: its fund card's picker of 100 funds.
    const picker = bodyOf(DASHBOARD_FUND_PICKER);
    const { operationName } = JSON.parse(picker) as { operationName: string };
    const [dashboardFunds] = await requestsOf(sent, operationName, 1);
    sameRequest(dashboardFunds!, picker, 'dashboard funds', [...ORDER, 'perPage']);

    for (const [resource, sparseFields] of Object.entries(ADMIN_LIST_FIELDS)) {
      const body = bodyOf({ resource, sort: adminSort(resource), sparseFields });
      const operation = (JSON.parse(body) as { operationName: string }).operationName;
      const before = sent.get(operation)?.length ?? 0;
      await page.goto(`${app.url}/#/${resource}`);
      const bodies = await requestsOf(sent, operation, before + 1);
      // Lists are benched at 25 rows, the page; the admin's own default is 10.
      sameRequest(bodies[before]!, body, resource, ORDER);
    }
  });

  it('the dashboard’s pickers and counts ask only for what they show, and show it', async () => {
    const cookie = await app.login();
    const { allFunds, allMemorandums, partnerships } = dataOf(
      await app.graphql<{
        allFunds: { name: string }[];
        allMemorandums: { title: string }[];
        partnerships: { count: number };
      }>(
        `query { allFunds(sortField: "name", sortOrder: "ASC", perPage: 100) { name }
                 allMemorandums(sortField: "signedDate", sortOrder: "DESC", perPage: 100) { title }
                 partnerships: _allPartnershipsMeta { count } }`,
        {},
        { cookie },
      ),
    );
    const { page, sent } = await signIn();
    const [funds] = await requestsOf(sent, 'allFunds', 1);
    expect(itemFields(funds!)).toEqual(['id', 'name']);
    const [memorandums] = await requestsOf(sent, 'allMemorandums', 1);
    expect(itemFields(memorandums!)).toEqual(['id', 'title']);
    // The partnership count asks one id; both count cards show the API's totals.
    // (The commune criteria card lists partnerships too, for their communes: 100 a page.)
    const countRequest = () =>
      sent.get('allPartnerships')?.find((body) => JSON.parse(body).variables.perPage === 1);
    await expect.poll(countRequest, WAIT).toBeDefined();
    expect(itemFields(countRequest()!)).toEqual(['id']);
    const count = (testId: string) => page.getByTestId(testId).innerText();
    await expect.poll(() => count('partnership-count'), WAIT).toContain(String(partnerships.count));
    await expect
      .poll(() => count('memorandum-count'), WAIT)
      .toContain(String(allMemorandums.length));
    const fundOptions = page.getByTestId('dashboard-fund-select').locator('option');
    await expect.poll(() => fundOptions.allInnerTexts(), WAIT).toEqual(allFunds.map((f) => f.name));
    // The newest memorandum is chosen; the menu lists every one by its title.
    const card = page.getByTestId('dashboard-memorandum-progress');
    await expect.poll(() => card.innerText(), WAIT).toContain(allMemorandums[0]!.title);
    await page.locator('#dashboard-memorandum').click();
    await expect
      .poll(() => page.getByRole('option').allInnerTexts(), WAIT)
      .toEqual(allMemorandums.map((m) => m.title));
  });

  it('on a phone the list asks every field and each line names its household', async () => {
    const { page, sent } = await signIn(PHONE);
    await page.goto(`${app.url}/#/Household`);
    const [first] = await requestsOf(sent, 'allHouseholds', 1);
    expect(itemFields(first!)).toEqual(expect.arrayContaining(NOT_SHOWN));
    const [household] = await firstHouseholds();
    await page.getByText(household!.headName).first().waitFor(WAIT);
  });
});
