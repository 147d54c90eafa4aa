import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dataOf, startTestApp, type TestApp } from '../support/app';
import { describeBrowser, launchBrowser } from '../support/browser';

const WAIT = { timeout: 30_000 };
const FUND_NAME = 'Quỹ thực hiện Kế hoạch 68 – Sở Tư pháp Phú Yên';
const DESCRIPTION = 'Mua thêm thuốc cho đoàn khám bệnh (thử nghiệm duyệt chi)';

/** An input by its Vietnamese label; required ones end with a thin space and `*`. */
const labelled = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

/**
 * Two-person approval in the admin, with the demo's two Justice officers once an administrator
 * has given them passwords: officer A submits a 12,000,000 đ disbursement (above the fund's sample
 * threshold of 10,000,000 đ) and cannot approve it; officer B approves it from "Chờ duyệt chi";
 * then it is posted.
 */
describeBrowser('two-person approval of a disbursement in the admin', () => {
  let app: TestApp;
  let browser: Browser;
  let disbursementId: string;
  const passwords = {
    maker: randomBytes(12).toString('base64url'),
    approver: randomBytes(12).toString('base64url'),
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
    const cookie = await app.login();
    const admin = async (query: string, variables: Record<string, unknown> = {}) =>
      dataOf(await app.graphql(query, variables, { cookie }));
    const { allUsers } = await admin('{ allUsers(perPage: 100) { id username } }');
    for (const [username, password] of [
      ['tuphap.lapchi', passwords.maker],
      ['tuphap.duyetchi', passwords.approver],
    ] as const) {
      const user = allUsers.find((u: { username: string }) => u.username === username);
      await admin('mutation ($id: ID!, $p: String) { updateUser(id: $id, password: $p) { id } }', {
        id: user.id,
        p: password,
      });
    }
    const { allFunds } = await admin('{ allFunds { id name } }');
    const fund = allFunds.find((f: { name: string }) => f.name === FUND_NAME);
    await admin(
      `mutation ($f: ID!) { createDonation(fundId: $f, donorKind: BUSINESS, donorName: "Doanh nghiệp mẫu",
         form: CASH, amount: 100000000, receivedDate: "2014-01-02") { id } }`,
      { f: fund.id },
    );
    // Officer A prepares it (through the API: the form itself is tested elsewhere).
    const makerCookie = (
      await app.graphql(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
        { u: 'tuphap.lapchi', p: passwords.maker },
      )
    ).cookie!;
    const { createDisbursement } = dataOf(
      await app.graphql(
        `mutation ($f: ID!, $d: String!) { createDisbursement(fundId: $f, purpose: MEDICINE, description: $d,
           quantity: 120, unitAmount: 100000, amount: 12000000) { id } }`,
        { f: fund.id, d: DESCRIPTION },
        { cookie: makerCookie },
      ),
    );
    disbursementId = createDisbursement.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(username: string, password: string): Promise<[BrowserContext, Page]> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${app.url}/`);
    await page.getByLabel(labelled('Tên đăng nhập')).fill(username);
    await page.getByLabel(labelled('Mật khẩu')).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), WAIT);
    return [context, page];
  }

  const status = async () =>
    (
      (await app.db.query('SELECT status FROM disbursements WHERE id = $1', [disbursementId])) as {
        status: string;
      }[]
    )[0]!.status;

  it('officer A submits and cannot approve; officer B approves from the queue; then it is posted', async () => {
    const [makerContext, maker] = await signIn('tuphap.lapchi', passwords.maker);
    await maker.goto(`${app.url}/#/Disbursement/${disbursementId}/show`);
    // Above the threshold: no "Chi" until approved, only "Gửi duyệt".
    const submit = maker.getByTestId('submit-disbursement');
    await submit.waitFor();
    expect(await maker.getByTestId('post-disbursement').count()).toBe(0);
    await submit.click();
    await maker.getByText('Đã gửi khoản chi để duyệt').waitFor();
    await expect.poll(status, WAIT).toBe('PENDING_APPROVAL');
    await maker.getByText('Chờ duyệt', { exact: true }).first().waitFor();
    await maker.getByTestId('made-by-me').waitFor();
    expect(await maker.getByTestId('approve-disbursement').count()).toBe(0);
    expect(await maker.getByTestId('submit-disbursement').count()).toBe(0);

    // The queue lists it for the maker too, without the buttons.
    await maker.getByRole('menuitem', { name: 'Chờ duyệt chi' }).click();
    const makerRow = maker.getByRole('row').filter({ hasText: DESCRIPTION });
    await makerRow.waitFor();
    await makerRow.getByText('Bạn lập khoản chi này: cần người khác duyệt').waitFor();
    expect(await makerRow.getByTestId('approve-disbursement').count()).toBe(0);
    await makerContext.close();

    const [approverContext, approver] = await signIn('tuphap.duyetchi', passwords.approver);
    await approver.getByRole('menuitem', { name: 'Chờ duyệt chi' }).click();
    const row = approver.getByRole('row').filter({ hasText: DESCRIPTION });
    await row.waitFor();
    await row.getByTestId('approve-disbursement').click();
    const dialog = approver.getByRole('dialog');
    await dialog.getByText('Duyệt khoản chi').waitFor();
    await dialog
      .getByLabel('Ý kiến khi duyệt (không bắt buộc)')
      .fill('Đúng kế hoạch đã thống nhất');
    await dialog.getByRole('button', { name: 'Duyệt' }).click();
    await approver.getByText('Đã duyệt khoản chi').waitFor();
    await expect.poll(status, WAIT).toBe('APPROVED');
    await approver.getByText('Không có khoản chi nào đang chờ duyệt.').waitFor();

    // Approved: "Chi" shows, and posting works.
    await approver.goto(`${app.url}/#/Disbursement/${disbursementId}/show`);
    await approver.getByText('Đúng kế hoạch đã thống nhất').waitFor();
    await approver.getByTestId('post-disbursement').click();
    const postDialog = approver.getByRole('dialog');
    await postDialog.getByRole('button', { name: 'Chi' }).click();
    await approver.getByText('Đã ghi nhận khoản chi').waitFor();
    await expect.poll(status, WAIT).toBe('POSTED');
    await approverContext.close();
  });

  it('asks a refusal for its reason', async () => {
    const cookie = await app.login();
    const { allFunds } = dataOf(await app.graphql('{ allFunds { id name } }', {}, { cookie }));
    const fund = allFunds.find((f: { name: string }) => f.name === FUND_NAME);
    const makerCookie = (
      await app.graphql(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { id } }',
        { u: 'tuphap.lapchi', p: passwords.maker },
      )
    ).cookie!;
    const { createDisbursement } = dataOf(
      await app.graphql(
        `mutation ($f: ID!) { createDisbursement(fundId: $f, purpose: OTHER, description: "Chi cần từ chối",
           quantity: 1, unitAmount: 15000000, amount: 15000000) { id } }`,
        { f: fund.id },
        { cookie: makerCookie },
      ),
    );
    dataOf(
      await app.graphql(
        'mutation ($id: ID!) { submitDisbursement(id: $id) { id } }',
        {
          id: createDisbursement.id,
        },
        { cookie: makerCookie },
      ),
    );
    const [context, admin] = await signIn(app.adminUsername, app.adminPassword);
    await admin.getByRole('menuitem', { name: 'Chờ duyệt chi' }).click();
    const row = admin.getByRole('row').filter({ hasText: 'Chi cần từ chối' });
    await row.getByTestId('refuse-disbursement').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByText('Từ chối khoản chi').waitFor();
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    // No reason: the form says it is required and nothing is sent.
    await dialog
      .getByText(/bắt buộc/i)
      .first()
      .waitFor();
    await dialog.getByLabel(labelled('Lý do từ chối')).fill('Chưa có dự toán chi tiết');
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await admin.getByText('Đã từ chối khoản chi').waitFor();
    const [row2] = (await app.db.query(
      'SELECT status, decision_reason FROM disbursements WHERE id = $1',
      [createDisbursement.id],
    )) as { status: string; decision_reason: string }[];
    expect(row2).toEqual({ status: 'REFUSED', decision_reason: 'Chưa có dự toán chi tiết' });
    await context.close();
  });

  it("keeps the dialog open when a posting would overdraw the fund, and asks the administrator's reason under its field", async () => {
    const cookie = await app.login();
    const { allFunds } = dataOf(await app.graphql('{ allFunds { id name } }', {}, { cookie }));
    const fund = allFunds.find((f: { name: string }) => f.name === FUND_NAME);
    // Below the approval threshold, so posted directly; dated before any money reached the fund.
    const { createDisbursement } = dataOf(
      await app.graphql(
        `mutation ($f: ID!) { createDisbursement(fundId: $f, purpose: OTHER, description: "Chi trước khi quỹ có tiền",
           quantity: 1, unitAmount: 5000000, amount: 5000000) { id } }`,
        { f: fund.id },
        { cookie },
      ),
    );
    const [context, admin] = await signIn(app.adminUsername, app.adminPassword);
    await admin.goto(`${app.url}/#/Disbursement/${createDisbursement.id}/show`);
    await admin.getByTestId('post-disbursement').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel(labelled('Ngày chi')).fill('01/06/2013');
    await dialog.getByRole('button', { name: 'Chi' }).click();
    // The server's "beyond the balance" shows under the reason, the one thing the user can give.
    const reason = dialog.getByLabel(labelled('Lý do chi vượt số dư'));
    await dialog.getByText(/^vượt số dư của quỹ \(.*ghi rõ lý do$/i).waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel(labelled('Ngày chi')).inputValue()).toBe('01/06/2013');
    expect(
      (
        (await app.db.query('SELECT status FROM disbursements WHERE id = $1', [
          createDisbursement.id,
        ])) as { status: string }[]
      )[0]!.status,
    ).toBe('PLANNED');
    await reason.fill('Tạm ứng theo chỉ đạo của Ban Thường vụ (thử nghiệm)');
    await dialog.getByRole('button', { name: 'Chi' }).click();
    await admin.getByText('Đã ghi nhận khoản chi').waitFor();
    const [posted] = (await app.db.query(
      'SELECT status, disbursed_date::text AS day, override_reason FROM disbursements WHERE id = $1',
      [createDisbursement.id],
    )) as { status: string; day: string; override_reason: string }[];
    expect(posted).toEqual({
      status: 'POSTED',
      day: '2013-06-01',
      override_reason: 'Tạm ứng theo chỉ đạo của Ban Thường vụ (thử nghiệm)',
    });
    await context.close();
  });
});
