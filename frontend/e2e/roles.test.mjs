// Browser tests of the Trellis SPA against a running gateway.
//
//   TRELLIS_URL=http://127.0.0.1:18080 SCREENSHOT_DIR=/tmp/shots node --test frontend/e2e/
//
// Env: TRELLIS_URL (the gateway), SCREENSHOT_DIR (where PNGs go), CHROMIUM_PATH (default
// /usr/bin/chromium; a browser is never downloaded). Each test gets a fresh browser context
// (no cookies, no localStorage) and fails if the page threw or logged an unexpected error.
//
// The gateway limits sign-ins per account (10 per 15 minutes by default, successful ones
// included); one run signs each account in at most three times, so three runs within 15 minutes
// against the same gateway are fine and a fourth is refused with "Too many attempts".
// The forms tests create a proposal, an ICT request and a donor each run.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.TRELLIS_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const SHOTS = process.env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'trellis-screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'trellis-demo';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 20000);

/** Each demo account, its role, and the navigation that role must be offered (by `data-nav`). */
const ACCOUNTS = [
  { email: 'admin@trellis.test', role: 'admin', label: 'Administrator', nav: ['home', 'system', 'countries', 'api-docs'] },
  {
    email: 'staff@trellis.test',
    role: 'staff',
    label: 'Staff',
    nav: ['home', 'members', 'proposals', 'donors', 'ict-requests', 'countries', 'api-docs'],
  },
  { email: 'committee@trellis.test', role: 'committee', label: 'Committee', nav: ['home', 'members', 'projects', 'donors', 'countries'] },
  { email: 'donor@trellis.test', role: 'donor', label: 'Donor', nav: ['home', 'projects', 'contribute', 'donor-profile', 'countries'] },
  {
    email: 'member@trellis.test',
    role: 'member',
    label: 'Member',
    nav: ['home', 'organisation', 'proposals', 'ict-support', 'countries'],
  },
];
const SIGNED_OUT_NAV = ['home', 'countries', 'sign-in'];

let browser;
const PROBLEMS = new WeakMap();

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

/**
 * A fresh context and page. Every uncaught exception and every console error is recorded;
 * `done()` fails the test if there were any. The browser's own "Failed to load resource ... 401"
 * lines are expected (asking who is signed in while signed out, a wrong password) and ignored.
 */
async function open(t, { lang = 'en-US', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ locale: lang, viewport, baseURL: BASE });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/Failed to load resource: the server responded with a status of 401/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  t.after(() => context.close());
  // Timeouts report these too: a page that never appears is often a page that crashed.
  PROBLEMS.set(page, problems);
  return {
    page,
    done: () => assert.deepEqual(problems, [], `the page logged errors:\n${problems.join('\n')}`),
  };
}

/** The page's visible text (shortened), to make a failure message say what a person saw. */
async function pageText(page) {
  try {
    const text = await page.evaluate(() => document.body.innerText);
    return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
  } catch (e) {
    return `(could not read the page: ${e.message})`;
  }
}

async function failWithPage(page, what, error) {
  const problems = PROBLEMS.get(page) || [];
  const logged = problems.length ? `\n--- errors the page logged ---\n${problems.join('\n')}` : '';
  throw new Error(
    `${what}\n  at ${page.url()}\n  (${error.message.split('\n')[0]})\n--- page text ---\n${await pageText(page)}\n---${logged}`,
  );
}

/** Waits until `selector` is visible, or fails with the page's text. */
async function visible(page, selector, what) {
  try {
    await page.waitForSelector(selector, { state: 'visible' });
  } catch (e) {
    await failWithPage(page, `${what}: "${selector}" did not appear within ${TIMEOUT} ms`, e);
  }
}

/** Waits until `fn` (run in the page) returns true, or fails with the page's text. */
async function until(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg);
  } catch (e) {
    await failWithPage(page, `${what} (not true within ${TIMEOUT} ms)`, e);
  }
}

/** Waits until every data block on the page has finished loading. */
async function settled(page, what) {
  await until(
    page,
    () => document.querySelector('main section') && !document.querySelector('[data-state="loading"], .loading'),
    undefined,
    `${what}: the page kept loading`,
  );
}

async function navKeys(page) {
  return page.$$eval('[data-testid="main-nav"] [data-nav]', (links) => links.map((a) => a.dataset.nav));
}

async function signIn(page, email, password = PASSWORD) {
  await page.goto('/sign-in');
  await visible(page, '#email', 'the sign-in form');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('[data-testid="sign-in-submit"]');
}

async function signInOk(page, email) {
  await signIn(page, email);
  await visible(page, '[data-testid="user-role"]', `signing in as ${email}`);
}

async function signOut(page) {
  await page.click('[data-testid="sign-out"]');
  await until(
    page,
    () => !document.querySelector('[data-testid="user-role"]') && !!document.querySelector('[data-nav="sign-in"]'),
    undefined,
    'signing out: the header still shows a signed-in user',
  );
}

for (const account of ACCOUNTS) {
  test(`${account.role}: signs in, sees exactly the ${account.role} navigation, signs out`, async (t) => {
    const { page, done } = await open(t);
    await signInOk(page, account.email);

    assert.deepEqual(await navKeys(page), account.nav, `navigation offered to ${account.role}`);
    const role = page.locator('[data-testid="user-role"]');
    assert.equal(await role.getAttribute('data-role'), account.role, 'role in the header');
    assert.equal((await role.innerText()).trim().toLowerCase(), account.label.toLowerCase(), 'role label in the header');
    assert.equal((await page.locator('[data-testid="user-email"]').innerText()).trim(), account.email, 'email in the header');

    // The home page welcomes the role and links to each of its sections.
    await visible(page, '[data-testid="home"] .card', 'the home page section cards');
    const cards = await page.$$eval('[data-card]', (cards) => cards.map((c) => c.dataset.card));
    assert.deepEqual(cards, account.nav.filter((k) => k !== 'home'), 'home page cards');
    await page.screenshot({ path: path.join(SHOTS, `${account.role}.png`), fullPage: true });

    // Every section of the SPA the role is offered opens without "not allowed" or an error.
    for (const key of account.nav.filter((k) => k !== 'home' && k !== 'api-docs')) {
      await page.click(`[data-testid="main-nav"] [data-nav="${key}"]`);
      await until(page, (k) => document.querySelector(`[data-nav="${k}"][aria-current="page"]`), key, `opening ${key}`);
      await settled(page, `${account.role} → ${key}`);
      const blocked = await page.$('[data-testid="not-allowed"], [data-testid="error"]');
      if (blocked) {
        await failWithPage(page, `${account.role} → ${key} shows "not allowed" or an error`, new Error('blocked'));
      }
    }

    await signOut(page);
    assert.deepEqual(await navKeys(page), SIGNED_OUT_NAV, 'navigation after signing out');
    done();
  });
}

test('staff filters countries by liaison region, reloads, and reads them in French', async (t) => {
  const { page, done } = await open(t);
  await signInOk(page, 'staff@trellis.test');
  await page.click('[data-testid="main-nav"] [data-nav="countries"]');
  await visible(page, '[data-testid="countries-table"] tbody tr', 'the countries table');

  // The liaison-region select is filled from the API.
  await until(
    page,
    () => document.querySelectorAll('#filter-region option').length >= 9,
    undefined,
    'the liaison-region filter lists the 8 regions',
  );
  await page.selectOption('#filter-region', 'africa-anglophone');
  await until(page, () => location.search.includes('region=africa-anglophone'), undefined, 'the filter is in the URL');
  await until(
    page,
    () => {
      const block = document.querySelector('[data-testid="countries"] .async');
      const rows = [...document.querySelectorAll('[data-testid="countries-table"] tbody tr')];
      return block?.dataset.state === 'ready' && rows.length > 0 && rows.every((r) => r.dataset.region === 'africa-anglophone');
    },
    undefined,
    'only countries of Africa (anglophone) are listed',
  );
  assert.ok(await page.$('[data-testid="countries-table"] tr[data-code="KE"]'), 'Kenya is listed under Africa (anglophone)');
  const kenya = await page.locator('tr[data-code="KE"] [data-testid="liaison-region"]').innerText();
  assert.match(kenya, /africa|afrique/i, 'Kenya shows its liaison region by name');

  // The filter survives a reload.
  await page.reload();
  await visible(page, '[data-testid="countries-table"] tr[data-code="KE"]', 'Kenya after a reload');
  await until(page, () => document.querySelector('#filter-region')?.value === 'africa-anglophone', undefined, 'the select keeps the region after a reload');
  const csv = await page.getAttribute('[data-testid="csv-link"]', 'href');
  assert.match(csv, /^\/api\/membership\/countries\?.*region=africa-anglophone.*format=csv/, 'CSV link keeps the filter');

  // French: labels, <html lang>, the region names from the API, and the choice is remembered.
  const regions = await page.evaluate(async () => (await (await fetch('/api/membership/regions')).json()).items);
  const anglophone = regions.find((r) => r.code === 'africa-anglophone');
  assert.ok(anglophone, 'the API lists africa-anglophone');
  await page.click('[data-lang="fr"]');
  await until(page, () => document.documentElement.lang === 'fr', undefined, '<html lang> becomes fr');
  await until(page, () => document.querySelector('h1')?.innerText.includes('Pays et territoires'), undefined, 'the heading is in French');
  assert.equal((await page.locator('[data-nav="home"]').innerText()).trim(), 'Accueil', 'navigation in French');
  const headers = await page.$$eval('[data-testid="countries-table"] thead th', (ths) => ths.map((th) => th.innerText.trim().toLowerCase()));
  assert.ok(headers.includes('région de liaison'), `column headers in French: ${headers.join(', ')}`);
  assert.equal(
    (await page.locator('tr[data-code="KE"] [data-testid="liaison-region"]').innerText()).trim(),
    anglophone.name_fr,
    'region names come in French from the API',
  );
  assert.equal(await page.evaluate(() => localStorage.getItem('trellis.lang')), 'fr', 'language saved in localStorage');
  // Sorted by the French names, ignoring accents: "Afrique du Sud" comes first, not among the S.
  await until(
    page,
    () => document.querySelector('[data-testid="countries-table"] tbody tr')?.dataset.code === 'ZA',
    undefined,
    'the list is in French alphabetical order',
  );
  const names = await page.$$eval('[data-testid="countries-table"] tbody th.name', (ths) => ths.map((th) => th.innerText.trim()));
  const folded = names.map((n) => n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
  assert.deepEqual(folded, [...folded].sort(), `French order: ${names.join(', ')}`);
  await page.screenshot({ path: path.join(SHOTS, 'countries-fr.png'), fullPage: true });
  done();
});

test('a wrong password shows an error and keeps the visitor signed out', async (t) => {
  const { page, done } = await open(t);
  await signIn(page, 'committee@trellis.test', 'not-the-password');
  await visible(page, '[data-testid="sign-in-error"]', 'the sign-in error');
  const message = (await page.locator('[data-testid="sign-in-error"]').innerText()).trim();
  assert.match(message, /wrong email or password/i, `sign-in error message: ${message}`);
  assert.equal(await page.$('[data-testid="user-role"]'), null, 'nobody is signed in');
  assert.deepEqual(await navKeys(page), SIGNED_OUT_NAV, 'signed-out navigation');
  done();
});

test('a signed-out visitor opening /members is sent to sign-in, and comes back after', async (t) => {
  const { page, done } = await open(t);
  await page.goto('/members');
  await until(page, () => location.pathname === '/sign-in', undefined, 'redirected to /sign-in');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/members', 'sign-in remembers where to go back');
  await visible(page, '[data-testid="sign-in-required"]', 'the "please sign in" notice');

  // staff2: the gateway limits sign-ins per address, and staff@ signs in in other tests.
  await page.fill('#email', 'staff2@trellis.test');
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid="sign-in-submit"]');
  await until(page, () => location.pathname === '/members', undefined, 'back on /members after signing in');
  await visible(page, '[data-testid="members"]', 'the members page');

  // Signing out from a protected page leads home, not back to sign-in.
  await signOut(page);
  await until(page, () => location.pathname === '/', undefined, 'home after signing out');
  done();
});

test('a member opening a staff page is told it is not allowed', async (t) => {
  const { page, done } = await open(t);
  await signInOk(page, 'member@trellis.test');
  await page.goto('/system');
  await visible(page, '[data-testid="not-allowed"]', 'the "not allowed" message');
  done();
});

test('a signed-out visitor sees the public home page and the countries at phone width', async (t) => {
  const { page, done } = await open(t, { viewport: { width: 390, height: 844 } });
  await page.goto('/');
  await visible(page, '[data-testid="home"]', 'the home page');
  assert.deepEqual(await navKeys(page), SIGNED_OUT_NAV, 'signed-out navigation');
  await page.click('[data-testid="main-nav"] [data-nav="countries"]');
  await visible(page, '[data-testid="countries-table"] tbody tr', 'the countries table');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: path.join(SHOTS, 'signed-out-phone.png'), fullPage: true });
  done();
});

/** Submits an empty form, expects a "required" error on each of `fields`, then fills it in. */
async function expectRequired(page, fields) {
  await page.click('[data-testid="submit"]');
  for (const field of fields) {
    await visible(page, `[data-testid="field-error"][data-field="${field}"]`, `the "required" error of ${field}`);
  }
  // The form moves the focus on the next animation frame, once the error marks are drawn.
  await until(page, (id) => document.activeElement?.id === id, fields[0], `the focus on the first invalid field, ${fields[0]}`);
}

/** After a successful form: back on the list, with the notice and the new row highlighted. */
async function expectCreated(page, listPath, label) {
  await until(page, (p) => location.pathname === p, listPath, `back on ${listPath} after saving`);
  await visible(page, '[data-testid="created"]', 'the "created" notice');
  assert.match(await page.locator('[data-testid="created"]').innerText(), new RegExp(label.slice(0, 20)), 'the notice names the new record');
  await visible(page, 'tr.row-new', 'the new row, highlighted in the list');
  assert.match(await page.locator('tr.row-new').innerText(), new RegExp(label.slice(0, 20)), 'the highlighted row is the new one');
}

test('a member proposes a project and requests ICT support through the forms', async (t) => {
  const { page, done } = await open(t);
  await signInOk(page, 'member@trellis.test');
  const stamp = Date.now().toString(36);

  await page.click('[data-nav="proposals"]');
  await visible(page, '[data-testid="new-proposal"]', 'the "new proposal" button');
  await page.click('[data-testid="new-proposal"]');
  await visible(page, '#title', 'the proposal form');
  await expectRequired(page, ['title', 'summary', 'objective', 'theme']);
  const title = `Metrology e-learning for SMEs ${stamp}`;
  await page.fill('#title', title);
  await page.fill('#summary', 'Six online modules on measurement traceability for small manufacturers.');
  await page.selectOption('#objective', '2');
  await page.selectOption('#theme', 'standards_development_training');
  await page.click('[data-testid="submit"]');
  await expectCreated(page, '/projects', title);

  await page.click('[data-nav="ict-support"]');
  await visible(page, '[data-testid="new-request"]', 'the "request ICT support" button');
  await page.click('[data-testid="new-request"]');
  await visible(page, '#needs', 'the ICT support form');
  await expectRequired(page, ['needs', 'context']);
  const needs = `A second Internet link ${stamp}`;
  await page.fill('#needs', needs);
  await page.fill('#context', 'One 4 Mbit/s line is shared by 35 staff; it fails most afternoons.');
  await page.check('#urgency-high');
  await page.click('[data-testid="submit"]');
  await expectCreated(page, '/ict-support', needs);
  done();
});

test('staff add a donor through the form; the committee cannot', async (t) => {
  const { page, done } = await open(t);
  await signInOk(page, 'staff2@trellis.test');
  await page.click('[data-nav="donors"]');
  await visible(page, '[data-testid="add-donor"]', 'the "add donor" button');
  await page.click('[data-testid="add-donor"]');
  await visible(page, '#name', 'the donor form');
  await expectRequired(page, ['name', 'donor_type']);
  const name = `Lakeside Quality Trust ${Date.now().toString(36)}`;
  await page.fill('#name', name);
  await page.selectOption('#donor_type', 'foundation');
  await page.fill('#country', 'c1');
  await page.click('[data-testid="submit"]');
  await visible(page, '[data-testid="field-error"][data-field="country"]', 'the country-code error');
  await page.fill('#country', 'ch');
  await page.click('[data-testid="submit"]');
  await expectCreated(page, '/donors', name);
  await signOut(page);

  await signInOk(page, 'committee@trellis.test');
  await page.click('[data-nav="donors"]');
  await visible(page, '[data-testid="donors-table"], [data-testid="empty"]', 'the donors list');
  assert.equal(await page.$('[data-testid="add-donor"]'), null, 'the committee is not offered "add donor"');
  await page.goto('/donors/new');
  await visible(page, '[data-testid="not-allowed"]', 'the "not allowed" message on /donors/new');
  done();
});
