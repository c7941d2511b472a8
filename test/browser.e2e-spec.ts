import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { IntentDispatcher } from '@app/operator';
import { Reconciler } from '@app/operator';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { act, browserAvailable, launchBrowser, listen, login, logout, openPage, PHONE, screenshot } from './support/browser.js';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

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
  let db: Awaited<ReturnType<typeof scratchDatabase>>;

  beforeAll(async () => {
    // A database of its own: the test counts every decision on the board, the table and the dashboard.
    db = await scratchDatabase('browser');
    t = await startTestApp({ DATABASE_URL: db.url });
    baseURL = await listen(t);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser, baseURL));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await db?.drop();
  });

  /** Polls a condition (the page's CSP forbids the string predicates of waitForFunction). */
  const eventually = async (ok: () => Promise<boolean>, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** axe on the page as it is: no serious or critical violation. */
  const accessible = async (what: string) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(bad).toEqual([]);
  };

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
    // (The hand-off notice of the submission is there too.)
    const reminder = page.locator('[data-testid="notification"][data-kind="reminder"]').filter({ has: page.locator(`a[href="/decisions/${id}"]`) });
    await reminder.waitFor();
    await page.getByTestId('unread-count').filter({ hasNotText: /^0$/ }).waitFor();
    await screenshot(page, 'inbox');
    await reminder.locator(`a[href="/decisions/${id}"]`).click();
    await page.waitForURL(`**/decisions/${id}`);
    t.clock.set('2026-03-03T02:00:00Z');
    // The people picker: the reviewer is found by name (without diacritics), the id is what is sent.
    await page.getByTestId('actions').waitFor();
    await page.getByTestId('action-assign-reviewer').click();
    const assign = page.getByTestId('action-form-assign-reviewer');
    await assign.getByTestId('search-reviewerId').fill('binh');
    await expect(assign.getByTestId('field-reviewerId').locator('option', { hasText: 'Trần Thị Bình' }).count()).resolves.toBe(1);
    await eventually(async () => (await assign.getByTestId('field-reviewerId').inputValue()) === 'user-reviewer');
    await expect(assign.getByTestId('field-reviewerId').locator('option').allInnerTexts()).resolves.not.toContain('user-reviewer');
    await assign.getByTestId('field-note').fill('Đề nghị thẩm định trong thời hạn');
    await screenshot(page, 'people-picker');
    await accessible('assign-reviewer form');
    await assign.getByTestId('action-submit').click();
    await page.getByTestId('action-done').waitFor();
    await page.locator('[data-testid="decision-stage"][data-stage="in-appraisal"]').waitFor();

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
    // Each changed field by its label, whole on both sides.
    await expect(page.getByTestId('compare-table').innerText()).resolves.toContain('Điều kiện thực hiện');
    await screenshot(page, 'audit');

    expect(problems).toEqual([]);
  }, 120_000);

  it('shows 150 decisions on the board, in the table, the search, "my work" and the dashboard, with true totals, one request per column', async () => {
    // 150 decisions through the API, 16 at a time: a third ủy quyền; 120 submitted, 40 of them assigned,
    // 6 ủy quyền issued.
    const tag = 'lô thử nghiệm một trăm năm mươi';
    const as = async (user: string, method: 'get' | 'post', url: string, body?: object) => {
      const req = t.http()[method](url).set('Authorization', await t.login(user));
      const res = await (body ? req.send(body) : req);
      if (res.status >= 300) throw new Error(`${method} ${url} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const inBatches = async <T,>(xs: T[], size: number, work: (x: T, i: number) => Promise<unknown>) => {
      for (let i = 0; i < xs.length; i += size) await Promise.all(xs.slice(i, i + size).map((x, j) => work(x, i + j)));
    };
    for (const u of ['proposer', 'reviewer', 'reviewer.lead', 'committee', 'auditor']) await t.login(u);
    t.clock.set('2026-04-01T02:00:00Z');
    const ids: string[] = [];
    await inBatches(Array.from({ length: 150 }), 16, async (_, i) => {
      const title = `${i % 3 === 0 ? 'Ủy quyền' : 'Phân cấp'} thủ tục hành chính, ${tag}, hồ sơ ${i}`;
      const body = i % 3 === 0 ? uyQuyenProposal({ title, period: { from: '2026-05-01', to: '2026-12-31' } }) : phanCapProposal({ title });
      ids[i] = (await as('proposer', 'post', '/api/v1/decisions', body)).decisionId;
    });
    t.clock.set('2026-04-02T02:00:00Z');
    await inBatches(ids.slice(0, 120), 16, (id) => as('proposer', 'post', `/api/v1/decisions/${id}/submit`));
    t.clock.set('2026-04-03T02:00:00Z');
    await inBatches(ids.slice(0, 40), 16, (id) => as('reviewer.lead', 'post', `/api/v1/decisions/${id}/assign-reviewer`, { reviewerId: 'user-reviewer' }));
    const issued = ids.slice(40, 120).filter((_, i) => i % 3 === 2).slice(0, 6); // ids 42, 45, …: ủy quyền
    await inBatches(issued, 3, async (id, i) => {
      await as('reviewer.lead', 'post', `/api/v1/decisions/${id}/assign-reviewer`, { reviewerId: 'user-reviewer' });
      await as('reviewer', 'post', `/api/v1/decisions/${id}/appraise`, { opinion: 'favourable', reportNumber: `${60 + i}/BC-SNV`, summary: 'Đủ điều kiện' });
      await as('committee', 'post', `/api/v1/decisions/${id}/decide`, { outcome: 'approved', decidedBy: 'chairman' });
      await as('committee', 'post', `/api/v1/decisions/${id}/issue`, { documentNumber: `${800 + i}/QĐ-UBND`, signer: 'Lê Văn Hẳn', signedOn: '2026-04-03', effectiveFrom: '2026-05-01' });
    });
    const total = async (query: string, user = 'reviewer.lead') => (await as(user, 'get', `/api/v1/decisions?limit=1&${query}`)).total as number;
    const everything = await total('');
    expect(everything).toBe(151); // with the first test's decision
    const openTotal = await total('open=true');

    // The board at 1280 px: every open decision counted, columns in the workflows' order, a cue for
    // the columns off-screen, one request per column and none per card.
    t.clock.set('2026-04-06T02:00:00Z');
    await page.goto('/');
    await switchTo('reviewer.lead', 'Lê Văn Cường');
    const calls: string[] = [];
    const onRequest = (r: { url: () => string }) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) calls.push(`${u.pathname}?${u.searchParams.get('stage') ?? ''}`);
    };
    page.on('request', onRequest);
    await page.reload();
    await page.locator(`[data-testid="board-count"][data-total="${openTotal}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    page.off('request', onRequest);
    expect(calls.filter((c) => c.includes('/deadlines'))).toEqual([]);
    const columns = await page.locator('[data-testid^="board-column-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(columns.indexOf('legal-appraisal')).toBeLessThan(columns.indexOf('appraised'));
    expect(calls.filter((c) => c.startsWith('/api/v1/decisions?'))).toHaveLength(columns.length);
    expect(calls.length).toBeLessThanOrEqual(columns.length + 6); // + workflows, bodies, sectors, powers, unread count
    await expect(page.getByTestId('board-hidden-right').getAttribute('data-hidden')).resolves.not.toBe('0');
    await screenshot(page, 'board');
    await accessible('board');
    const submitted = page.getByTestId('board-column-submitted');
    const submittedTotal = await total('stage=submitted');
    expect(submittedTotal).toBeGreaterThanOrEqual(120 - 40 - 6);
    await expect(submitted.getAttribute('data-total')).resolves.toBe(String(submittedTotal));
    await expect(submitted.getByTestId('decision-card').count()).resolves.toBe(25);
    await submitted.getByTestId('column-more').click();
    await submitted.getByTestId('decision-card').nth(49).waitFor();
    await expect(submitted.getByTestId('decision-card').count()).resolves.toBe(50);
    const issuedTotal = await total('stage=issued');
    expect(issuedTotal).toBeGreaterThanOrEqual(6);
    await expect(page.getByTestId('board-column-issued').getAttribute('data-total')).resolves.toBe(String(issuedTotal));
    // Body names everywhere, never their codes.
    await expect(page.getByTestId('board').innerText()).resolves.not.toMatch(/\btv-[a-z-]+/);
    // The columns of every workflow version (16) run off the right edge: each click shows more, until none is hidden.
    const hiddenRight = () => page.getByTestId('board-hidden-right').getAttribute('data-hidden');
    for (let clicks = 0; (await hiddenRight()) !== '0'; clicks++) {
      expect(clicks).toBeLessThan(10);
      const before = await hiddenRight();
      await page.getByTestId('board-scroll-right').click();
      await page.locator(`[data-testid="board-hidden-right"]:not([data-hidden="${before}"])`).waitFor({ state: 'attached' });
    }

    // Search on the server: without diacritics, every one of the 150; by case number, exactly one.
    await page.getByTestId('board-search').fill('lo thu nghiem mot tram nam muoi');
    await page.locator('[data-testid="board-count"][data-total="150"]').waitFor();
    const one = await as('reviewer.lead', 'get', `/api/v1/decisions/${issued[0]}`);
    expect(one.caseNumber).toMatch(/^UQ-2026-\d{4}$/);
    await page.getByTestId('board-search').fill(one.caseNumber);
    await page.locator('[data-testid="board-count"][data-total="1"]').waitFor();
    const found = page.locator(`[data-testid="board-column-issued"] [data-decision-id="${issued[0]}"]`);
    await found.waitFor();
    await expect(found.getByTestId('case-number').innerText()).resolves.toBe(one.caseNumber);
    // On a phone (loaded there), the filters fold under the search box and the first cards show.
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.locator(`[data-testid="board-count"][data-total="${openTotal}"]`).waitFor();
    await expect(page.locator('.filter-more').getAttribute('open')).resolves.toBeNull();
    await page.getByTestId('decision-card').first().waitFor();
    await screenshot(page, 'board-phone');
    await accessible('board on a phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The table beside the board: server paging past 100, sorting, the same search.
    await page.getByTestId('view-table').click();
    const table = page.getByTestId('decision-table');
    await table.getByTestId('board-search').fill('lo thu nghiem');
    await table.locator('[data-testid="table-count"][data-total="150"]').waitFor();
    await expect(table.getByTestId('page-of').innerText()).resolves.toBe('Trang 1/6');
    await table.getByTestId('page-size').selectOption('100');
    await table.getByTestId('page-of').filter({ hasText: 'Trang 1/2' }).waitFor();
    await table.getByTestId('table-row').nth(99).waitFor();
    await expect(table.getByTestId('table-row').count()).resolves.toBe(100);
    await table.getByTestId('page-next').click();
    await table.getByTestId('page-of').filter({ hasText: 'Trang 2/2' }).waitFor();
    await eventually(async () => (await table.getByTestId('table-row').count()) === 50);
    await accessible('table');

    // "My work" for the reviewer: the 40 assigned to her and the issued ones' appraisals done, oldest deadline first.
    await switchTo('reviewer', 'Trần Thị Bình');
    await page.getByTestId('nav-work').click();
    const mine = await total('waitsOnMe=true', 'reviewer');
    expect(mine).toBeGreaterThanOrEqual(40);
    const work = page.getByTestId('decision-table');
    await work.locator(`[data-testid="table-count"][data-total="${mine}"]`).waitFor();
    const dues = await work.getByTestId('table-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-due') ?? ''));
    expect(dues.filter(Boolean)).toEqual([...dues.filter(Boolean)].sort());
    await expect(work.getByTestId('row-assignee').first().innerText()).resolves.toBe('Trần Thị Bình');
    // Saved filters survive a reload.
    await work.getByTestId('filter-kind').selectOption('uy-quyen');
    await work.getByTestId('saved-filters').locator('summary').click();
    await work.getByTestId('saved-name').fill('Ủy quyền của tôi');
    await work.getByTestId('saved-save').click();
    await page.reload();
    await page.getByTestId('saved-filters').locator('summary').click();
    await expect(page.getByTestId('saved-filter').allInnerTexts()).resolves.toEqual(['Ủy quyền của tôi']);
    await page.getByTestId('saved-filter').click();
    const uqMine = await total('waitsOnMe=true&kind=uy-quyen', 'reviewer');
    await page.locator(`[data-testid="table-count"][data-total="${uqMine}"]`).waitFor();
    await page.getByTestId('filter-kind').selectOption('');
    await page.locator(`[data-testid="table-count"][data-total="${mine}"]`).waitFor();
    await screenshot(page, 'work');
    await accessible('my work');
    // Export: every matching row, CSV and .xlsx.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.trim().split('\r\n')).toHaveLength(mine + 1);
    expect(csvText).toContain('Trần Thị Bình');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await xlsx.path());
    expect(wb.worksheets[0].actualRowCount).toBe(mine + 1);
    expect(String(wb.worksheets[0].getRow(1).getCell(1).value)).toBe('Số hồ sơ');

    // The dashboard counts all 151 in SQL, with a bar for every stage (issued and rejected included).
    await page.getByTestId('nav-dashboard').click();
    await page.locator(`[data-testid="dash-total"]`).filter({ hasText: String(everything) }).waitFor();
    // Every stage of every workflow version: v1's 13, and v2's consultation and examination stages.
    await expect(page.getByTestId('chart-stage').getAttribute('data-points')).resolves.toBe(String(16));
    await expect(page.getByTestId('dash-rate').innerText()).resolves.toMatch(/^\d+%$/);
    await page.locator('.chart .recharts-surface').first().waitFor();
    await screenshot(page, 'dashboard');
    await accessible('dashboard');

    // The auditor's picker searches instead of listing 100.
    await switchTo('auditor', 'Đặng Văn Hùng');
    await page.goto('/audit');
    await page.locator(`[data-testid="audit-matches"][data-total="${everything}"]`).waitFor();
    await page.getByTestId('audit-search').fill(one.caseNumber);
    await page.locator('[data-testid="audit-matches"][data-total="1"]').waitFor();
    await accessible('audit picker');
    await page.getByTestId('audit-open').click();
    await page.waitForURL(`**/audit/${issued[0]}`);

    // The session survives a new tab (asked of the open one), and signing out there signs out here.
    const second = await context.newPage();
    await second.goto('/work');
    await second.getByTestId('current-user-name').filter({ hasText: 'Đặng Văn Hùng' }).waitFor();
    await second.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    await second.close();

    expect(problems).toEqual([]);
  }, 240_000);

  it('lets an admin create a user (the API\'s errors beside the fields) and load a calendar year\'s official schedule', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await page.getByTestId('login-submit').or(page.getByTestId('logout')).first().waitFor();
    if (await page.getByTestId('logout').isVisible()) await logout(page);
    await login(page, 'admin', 'Quản trị hệ thống');

    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    const create = page.getByTestId('user-create');
    await create.getByTestId('field-username').fill('chi.nguyen');
    await create.getByTestId('field-displayName').fill('Nguyễn Thị Chi');
    await create.getByTestId('field-role').selectOption('legal-appraiser');
    await create.getByTestId('field-bodyId').selectOption('tv-so-tu-phap');
    await create.getByTestId('field-password').fill('short');
    await page.getByTestId('user-create-submit').click();
    // The API's reason, under the field's label (not "password:").
    await expect(create.getByTestId('error-password').innerText()).resolves.toMatch(/^Mật khẩu ban đầu: \S/);
    await expect(create.getByTestId('error-password').innerText()).resolves.not.toContain('password');
    await create.getByTestId('field-password').fill('MatKhau2026');
    await expect(create.getByTestId('error-password').count()).resolves.toBe(0);
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('users-notice').filter({ hasText: 'Nguyễn Thị Chi (chi.nguyen)' }).waitFor();
    const row = page.getByTestId('user-row-chi.nguyen');
    await expect(row.getByTestId('user-body').innerText()).resolves.toBe('Sở Tư pháp tỉnh Trà Vinh');
    await screenshot(page, 'admin-users');
    await accessible('admin users');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'admin-users-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('years-table').waitFor();
    await page.getByTestId('field-year').fill('2031');
    await page.getByTestId('year-open').click();
    await page.waitForURL('**/admin/calendar/2031');
    await page.getByTestId('year-load').click();
    await page.getByTestId('field-source').fill('Thông báo 99/TB-BNV ngày 10/11/2030 của Bộ Nội vụ');
    await page.getByTestId('field-daysOff').fill('01/01/2031\n02/01/2031\n30/04/2031\n02/05/2031');
    await page.getByTestId('field-makeUpWorkingDays').fill('10/05/2031');
    await page.getByTestId('field-entrySources').fill('02/05/2031: Thông báo 100/TB-BNV ngày 01/04/2031');
    await page.getByTestId('year-submit').click();
    await page.getByTestId('year-saved').waitFor();
    await expect(page.getByTestId('deadlines-moved').innerText()).resolves.toMatch(/hồ sơ/);
    await expect(page.getByTestId('days-off').innerText()).resolves.toContain('02/05/2031');
    await expect(page.getByTestId('days-off').innerText()).resolves.toContain('Thông báo 100/TB-BNV');
    await page.getByTestId('year-row-2031').waitFor();
    const saved = (await t.http().get('/api/v1/calendar/years/2031').set('Authorization', await t.login('admin'))).body;
    expect(saved.daysOff.map((d: { date: string }) => d.date)).toEqual(['2031-01-01', '2031-01-02', '2031-04-30', '2031-05-02']);
    await screenshot(page, 'admin-calendar');
    await accessible('admin calendar');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'admin-calendar-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  }, 120_000);
});
