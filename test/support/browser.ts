import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@app/operator';
import type { TestApp } from './harness.js';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_INDEX = resolve(process.cwd(), 'dist/web/index.html');
export const SCREENSHOTS = resolve(process.cwd(), 'docs/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * Whether the browser tests can run here. A missing Chromium fails the run in CI (browser tests never
 * skip there) and skips it elsewhere, loudly. A missing web build always fails: it is a step forgotten.
 */
export function browserAvailable(): boolean {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`The web app is not built (${WEB_INDEX} is missing): run npm run build:web first.`);
  }
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but Chromium is missing at ${CHROMIUM_PATH}: the browser test never skips in CI (apt-get install chromium).`);
  }
  console.warn(
    `\n*** Chromium is not available at ${CHROMIUM_PATH}.\n` +
      '*** The real-browser end-to-end test (test/browser.e2e-spec.ts) will NOT run.\n' +
      '*** Install it (apt-get install chromium) or set CHROMIUM_PATH=/path/to/chromium to run it.\n',
  );
  return false;
}

/** Headless Chromium with no background traffic (the test network is closed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Makes the test app listen on a free local port and returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * A browser page that fails the test on any uncaught script error or failed API response (5xx),
 * which a screenshot alone would not show.
 */
export async function openPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { context, page, problems };
}

/** Signs in through the login form and waits for the header to show who is signed in. */
export async function login(page: Page, username: string, displayName?: string): Promise<void> {
  await page.getByTestId('field-username').fill(username);
  await page.getByTestId('field-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  const name = page.getByTestId('current-user-name');
  await name.waitFor();
  if (displayName) await name.filter({ hasText: displayName }).waitFor();
}

/** Signs out through the header and waits for the login form. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-submit').waitFor();
}

/** Saves docs/screenshots/<name>.png of the viewport, once fonts and pending requests have settled. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/**
 * Runs a decision action from the decision page: opens its form, fills the fields (by request field
 * name), submits, and waits for the confirmation and the stage that follows.
 */
export async function act(page: Page, command: string, fields: Record<string, string>, expectedStage?: string): Promise<void> {
  await page.getByTestId('actions').waitFor();
  await page.getByTestId(`action-${command}`).click();
  const form = page.getByTestId(`action-form-${command}`);
  await form.waitFor();
  for (const [name, value] of Object.entries(fields)) {
    const input = form.getByTestId(`field-${name}`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await form.getByTestId('action-submit').click();
  const outcome = page.getByTestId('action-done').or(page.getByTestId('action-problem'));
  await outcome.first().waitFor();
  if (!(await page.getByTestId('action-done').isVisible())) {
    throw new Error(`${command} failed in the browser: ${await page.getByTestId('action-problem').innerText()}`);
  }
  if (expectedStage) await page.locator(`[data-testid="decision-stage"][data-stage="${expectedStage}"]`).waitFor();
}
