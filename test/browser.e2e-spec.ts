import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { IntentDispatcher } from '@app/operator';
import { Reconciler } from '@app/operator';
import { act, browserAvailable, launchBrowser, listen, login, logout, openPage, PHONE, screenshot } from './support/browser.js';
import { startTestApp, type TestApp } from './support/harness.js';

/**
 * The staff web application in a real browser (headless Chromium), against the real API on the test
 * database: one phân cấp from the proposal form to the registry and the auditor's time travel,
 * every step by clicking and typing as the person responsible. Saves the screenshots of docs/screenshots.
 */
const run = browserAvailable() ? describe : describe.skip;

run('the staff web application in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, baseURL));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  /** Signs the current user out and the next one in, staying on the same page. */
  const switchTo = async (username: string, displayName: string) => {
    await logout(page);
    await login(page, username, displayName);
  };

  it('takes a phân cấp from the proposal form through appraisal, the HĐND vote and issuance to the registry and the audit view', async () => {
    // The login page; a proposer of the Sở TN&MT signs in and lands on the board.
    t.clock.set('2026-03-02T02:00:00Z');
    await page.goto('/');
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, 'login');
    await login(page, 'proposer', 'Nguyễn Văn An');
    await page.getByTestId('current-user-body').filter({ hasText: 'Sở Tài nguyên và Môi trường' }).waitFor(); // once the bodies have loaded
    await page.getByTestId('board').waitFor();

    // The proposal form: a phân cấp from the provincial committee to the Sở TN&MT.
    await page.getByTestId('nav-new').click();
    const form = page.getByTestId('proposal-form');
    await form.waitFor();
    const title = `Phân cấp cấp giấy chứng nhận quyền sử dụng đất cho tổ chức (thử nghiệm trình duyệt ${Date.now()})`;
    await form.getByTestId('field-kind').selectOption('phan-cap');
    await form.getByTestId('field-title').fill(title);
    await form.getByTestId('field-delegatorBodyId').selectOption('tv-ubnd');
    await form.getByTestId('field-delegateBodyId').selectOption('tv-so-tnmt');
    await form.getByTestId('field-sector').selectOption('dat-dai');
    await form.getByTestId('power-TV-DD-02').check();
    await form.getByTestId('field-legalBasis').fill('Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13\nLuật Đất đai 2024, Điều 136');
    await form.getByTestId('field-resources.budgetVnd').fill('1200000000');
    await form.getByTestId('field-resources.staffPositions').fill('4');
    await form.getByTestId('field-resources.facilities').fill('Bộ phận tiếp nhận và trả kết quả một cửa\nHệ thống cơ sở dữ liệu đất đai');
    await form.getByTestId('field-conditions').fill('Báo cáo kết quả thực hiện hằng quý\nCông khai thủ tục tại Bộ phận một cửa');
    await form.getByTestId('field-justification').fill('Rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất cho tổ chức, giảm tải cho UBND tỉnh.');
    await form.getByTestId('add-document').click();
    await form.getByTestId('field-documents.0.title').fill('Tờ trình của Sở Tài nguyên và Môi trường');
    await form.getByTestId('field-documents.0.reference').fill('25/TTr-STNMT');
    await screenshot(page, 'new-proposal');
    await form.getByTestId('proposal-submit').click();

    // The decision page of the new, submitted proposal.
    await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.locator('[data-testid="decision-stage"][data-stage="submitted"]').waitFor();
    await expect(page.getByTestId('decision-title').innerText()).resolves.toBe(title);
    await expect(page.getByTestId('timeline-event').count()).resolves.toBe(2);

    // The board shows it in the "submitted" column, on a desktop and on a phone.
    await page.goto('/');
    const card = page.locator(`[data-testid="board-column-submitted"] [data-testid="decision-card"][data-decision-id="${id}"]`);
    await card.waitFor();
    await expect(card.getAttribute('data-deadline')).resolves.toBeTruthy();
    await screenshot(page, 'board');
    await page.setViewportSize(PHONE);
    await card.waitFor();
    await screenshot(page, 'board-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The reminder jobs run (by hand here: the background loops are off in tests): the head of appraisal
    // finds the reminder of the two-day "submitted" deadline in the inbox, opens the decision from it
    // and assigns the reviewer.
    await t.app.get(IntentDispatcher).poll();
    await t.app.get(Reconciler).tick();
    await t.app.get(IntentDispatcher).poll();
    await switchTo('reviewer.lead', 'Lê Văn Cường');
    await page.getByTestId('nav-inbox').click();
    const reminder = page.getByTestId('notification').filter({ has: page.locator(`a[href="/decisions/${id}"]`) });
    await reminder.waitFor();
    await page.getByTestId('unread-count').filter({ hasNotText: /^0$/ }).waitFor();
    await screenshot(page, 'inbox');
    await reminder.locator(`a[href="/decisions/${id}"]`).click();
    await page.waitForURL(`**/decisions/${id}`);
    t.clock.set('2026-03-03T02:00:00Z');
    await act(page, 'assign-reviewer', { reviewerId: 'user-reviewer', note: 'Đề nghị thẩm định trong thời hạn' }, 'in-appraisal');

    // The reviewer asks for a revision, with reasons.
    t.clock.set('2026-03-04T02:00:00Z');
    await switchTo('reviewer', 'Trần Thị Bình');
    await act(page, 'request-revision', { reasons: 'Bổ sung thuyết minh nguồn nhân lực\nLàm rõ phương án kiểm tra, giám sát' }, 'revision-requested');

    // The proposer answers it.
    t.clock.set('2026-03-05T02:00:00Z');
    await switchTo('proposer', 'Nguyễn Văn An');
    await act(page, 'resubmit', {
      response: 'Đã bổ sung thuyết minh nguồn nhân lực và phương án kiểm tra, giám sát.',
      'changes.conditions': 'Báo cáo kết quả thực hiện hằng quý\nUBND tỉnh kiểm tra định kỳ 6 tháng một lần',
    }, 'in-appraisal');

    // Appraisal by the Sở Nội vụ, then the legal appraisal by the Sở Tư pháp.
    t.clock.set('2026-03-06T02:00:00Z');
    await switchTo('reviewer', 'Trần Thị Bình');
    await act(page, 'appraise', { opinion: 'favourable', reportNumber: '52/BC-SNV', summary: 'Hồ sơ đủ điều kiện phân cấp; nguồn lực bảo đảm.' }, 'legal-appraisal');
    t.clock.set('2026-03-09T02:00:00Z');
    await switchTo('legal', 'Phạm Thị Dung');
    await act(page, 'record-legal-appraisal', { opinion: 'lawful', reportNumber: '38/BC-STP', notes: 'Phù hợp Luật 72/2025/QH15.' }, 'appraised');

    // The committee office submits it to the HĐND; the council office records the vote.
    t.clock.set('2026-03-10T02:00:00Z');
    await switchTo('committee', 'Võ Thị Giang');
    await act(page, 'submit-to-council', { submissionNumber: '130/TTr-UBND', submittedOn: '2026-03-10' }, 'awaiting-council');
    t.clock.set('2026-03-20T02:00:00Z');
    await switchTo('council', 'Hoàng Văn Em');
    await act(page, 'record-council-vote', {
      session: 'Kỳ họp chuyên đề tháng 3 năm 2026', sessionDate: '2026-03-20', resolutionNumber: '18/2026/NQ-HĐND',
      totalDelegates: '50', votesFor: '40', votesAgainst: '5', abstentions: '2',
    }, 'approved');

    // The committee office issues the decision, effective from 15 April.
    t.clock.set('2026-03-25T02:00:00Z');
    await switchTo('committee', 'Võ Thị Giang');
    await act(page, 'issue', { documentNumber: '1450/QĐ-UBND', signer: 'Lê Văn Hẳn', signedOn: '2026-03-25', effectiveFrom: '2026-04-15' }, 'issued');
    const types = await page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    // The version counts every event; the checks may have recorded findings on the way (the e2e files
    // share one database, so what they find depends on the decisions the others left there).
    await expect(page.getByTestId('decision-version').innerText()).resolves.toBe(String(types.length));
    expect(types.filter((type) => !/^Finding/.test(type ?? ''))).toEqual([
      'ProposalDrafted', 'ProposalSubmitted', 'ReviewerAssigned', 'RevisionRequested', 'ProposalResubmitted', 'AppraisalCompleted',
      'LegalAppraisalRecorded', 'SubmittedToCouncil', 'CouncilVoteRecorded', 'DecisionIssued',
    ]);
    await page.getByTestId('findings').waitFor();
    await page.getByTestId('stage-deadline').waitFor();
    await screenshot(page, 'decision');

    // The registry: the Sở TN&MT holds the power under this decision from the effective date, not the day before.
    await page.getByTestId('nav-registry').click();
    const registry = page.getByTestId('registry-form'); // the body map below has a date field-at of its own
    await registry.getByTestId('field-powerId').selectOption('TV-DD-02');
    await registry.getByTestId('field-at').fill('2026-04-15');
    await registry.getByTestId('registry-search').click();
    const ours = page.getByTestId('holding').filter({ has: page.locator(`a[href="/decisions/${id}"]`) });
    await ours.waitFor();
    await expect(ours.getAttribute('data-holder')).resolves.toBe('tv-so-tnmt');
    await expect(ours.getByTestId('holder-name').innerText()).resolves.toContain('Sở Tài nguyên và Môi trường');
    await screenshot(page, 'registry');
    await registry.getByTestId('field-at').fill('2026-04-14');
    await registry.getByTestId('registry-search').click();
    // (Other test files share the database: another delegation of this power may hold it that day.)
    await page.getByTestId('registry-result').filter({ hasText: '14/04/2026' }).waitFor();
    await expect(ours.count()).resolves.toBe(0);

    // The dashboard.
    await page.getByTestId('nav-dashboard').click();
    await page.locator('.chart').first().waitFor();
    await screenshot(page, 'dashboard');

    // The auditor: the chain is intact, and the slider goes back to version 1, the draft.
    await page.goto(`/decisions/${id}`);
    await switchTo('auditor', 'Đặng Văn Hùng');
    await page.getByTestId('open-audit').click();
    await page.waitForURL(`**/audit/${id}`);
    await page.locator('[data-testid="verify-result"][data-status="intact"]').waitFor();
    // At its head, whatever the checks have added since the issue.
    const head = (await t.http().get(`/api/v1/decisions/${id}`).set('Authorization', await t.login('auditor'))).body.version;
    await page.locator(`[data-testid="version-view"][data-version="${head}"]`).waitFor();
    const slider = page.getByTestId('version-slider');
    await slider.focus();
    await slider.press('Home');
    const v1 = page.locator('[data-testid="version-view"][data-version="1"]');
    await v1.waitFor();
    await expect(v1.getAttribute('data-stage')).resolves.toBe('draft');
    await expect(slider.inputValue()).resolves.toBe('1');
    await page.getByTestId('compare-from').selectOption('1');
    await page.getByTestId('compare-to').selectOption('5');
    await page.getByTestId('compare-run').click();
    await expect(page.getByTestId('compare-table').innerText()).resolves.toContain('conditions');
    await screenshot(page, 'audit');

    expect(problems).toEqual([]);
  }, 120_000);
});
