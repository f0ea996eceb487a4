// Shared support of the journey tests (`*.test.mjs` beside this file): one headless Chromium per
// file, signed-in pages that record uncaught exceptions and console errors, and waits that fail
// with the page's text so that a failure says what the user saw. Not a test file itself.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.TRELLIS_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
export const SHOTS = process.env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'trellis-screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'trellis-demo';
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 20000);

let browser;

/** Launches the browser before this file's tests and closes it after. */
export function useBrowser() {
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
  });
}

/**
 * A signed-in page for `email`, recording uncaught exceptions and console errors. `expected`
 * lists the error statuses this journey provokes on purpose (the browser logs each one).
 */
export async function signedIn(t, email, { viewport = { width: 1280, height: 900 }, expected = [401, 422] } = {}) {
  const context = await browser.newContext({ locale: 'en-US', viewport, baseURL: BASE });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    const status = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    if (status && expected.includes(Number(status[1]))) return;
    problems.push(`console error: ${text}`);
  });
  t.after(() => context.close());
  await page.goto('/sign-in');
  await visible(page, '#email', 'the sign-in form');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid="sign-in-submit"]');
  await visible(page, '[data-testid="user-role"]', `signing in as ${email}`);
  return { page, problems };
}

export async function pageText(page) {
  try {
    const text = await page.evaluate(() => document.body.innerText);
    return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
  } catch (e) {
    return `(could not read the page: ${e.message})`;
  }
}

export async function failWithPage(page, what, error) {
  throw new Error(`${what}\n  at ${page.url()}\n  (${error.message.split('\n')[0]})\n--- page text ---\n${await pageText(page)}\n---`);
}

export async function visible(page, selector, what) {
  try {
    await page.waitForSelector(selector, { state: 'visible' });
  } catch (e) {
    await failWithPage(page, `${what}: "${selector}" did not appear within ${TIMEOUT} ms`, e);
  }
}

/** Waits until the proposal page shows `status`. */
export async function status(page, expected, what) {
  try {
    await page.waitForSelector(`[data-testid="proposal"] article[data-status="${expected}"]`, { state: 'visible' });
  } catch (e) {
    await failWithPage(page, `${what}: the proposal did not reach "${expected}"`, e);
  }
}

/** GET through the page's own session (same cookies as the UI). */
export async function api(page, url) {
  const response = await page.request.get(url);
  assert.equal(response.status(), 200, `GET ${url}`);
  return response.json();
}
