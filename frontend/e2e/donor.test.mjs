// Browser test of the donor's journey against a running gateway: browse fundable work by region
// with the chart of unmet need per region, pledge with a regional earmark (seeing first what it
// matches), find the pledge in "my contributions" and open the statement. Checked afterwards
// through the API: the contribution exists with the chosen earmark.
//
//   TRELLIS_URL=http://127.0.0.1:18080 SCREENSHOT_DIR=/tmp/shots node --test frontend/e2e/
//
// The gateway limits sign-ins per account (see roles.test.mjs): this file signs the donor in
// once and keeps that context for the whole journey.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { useBrowser, SHOTS, signedIn, visible, status, api } from './journey.mjs';

useBrowser();

test('a donor browses fundable work by region and pledges with an earmark', async (t) => {
  const donor = await signedIn(t, 'donor@trellis.test');
  const d = donor.page;

  await d.click('[data-nav="projects"]');
  await visible(d, '[data-testid="contribute-link"]', 'the "contribute" button on fundable work');
  await d.click('[data-testid="contribute-link"]');
  await visible(d, '[data-nav="contribute"][aria-current="page"]', 'the "contribute" section, current in the navigation');
  await visible(d, '[data-testid="need-chart"] g.bar', 'the chart of unmet need per region');
  await visible(d, '[data-testid="fundable-table"], [data-testid="empty"]', 'the fundable projects, or why there are none');

  // The region with the largest unmet need, as the chart says. On a fresh system the demo
  // funding round may have funded every approved project: then every bar is empty and the list
  // says so; the other browser tests add approved work when they run first.
  const bars = await d.$$eval('[data-testid="need-chart"] g.bar', (g) =>
    g.map((b) => ({ region: b.dataset.region, minor: Number(b.dataset.minor) })),
  );
  const top = bars.reduce((a, b) => (b.minor > a.minor ? b : a));
  if (top.minor > 0) {
    await d.selectOption('#need-region', top.region);
    const regions = await d.$$eval('[data-testid="fundable-table"] tbody tr', (rows) => rows.length);
    assert.ok(regions > 0, 'the region filter keeps the projects of that region');
    await d.selectOption('#need-region', '');
  } else {
    assert.equal(await d.$('[data-testid="fundable-table"]'), null, 'no table when nothing needs money');
  }

  // Pledge, earmarked to that region; the preview says what it matches before confirming.
  await d.fill('#amount', '2500.00');
  await d.fill('#currency', 'EUR');
  await d.check('#earmark-regions');
  await d.click('[data-testid="pledge"]');
  await visible(d, '[data-testid="field-error"][data-field="earmark"]', 'the earmark must name a region');
  await d.check(`#e-region-${top.region}`);
  const preview = await d.locator('[data-testid="earmark-preview"]').innerText();
  assert.match(preview, /matches \d+ projects? with [\d.]+ CHF still needed/, 'the preview of what the earmark matches');
  await d.screenshot({ path: path.join(SHOTS, 'donor-contribute.png'), fullPage: true });
  await d.click('[data-testid="pledge"]');
  await visible(d, '[data-testid="pledged"]', 'the pledge confirmation');
  const id = await d.$eval('[data-testid="pledged"]', (e) => e.dataset.id);
  await visible(d, `[data-testid="contributions-table"] tr[data-id="${id}"][data-earmark="regions"]`, 'the pledge in my contributions');

  const contribution = await api(d, `/api/funding/contributions/${id}`);
  assert.deepEqual(contribution.pledged, { amount: '2500.00', currency: 'EUR' });
  assert.deepEqual(contribution.earmark, { kind: 'regions', regions: [top.region] });
  assert.equal(contribution.status, 'pledged');

  // The statement opens as a printable page.
  const href = await d.getAttribute('[data-testid="statement-link"]', 'href');
  const statement = await d.request.get(href);
  assert.equal(statement.status(), 200, 'the statement page');
  assert.match(statement.headers()['content-type'], /text\/html/);

  // Usable on a phone: nothing sticks out of 390 px.
  await d.setViewportSize({ width: 390, height: 844 });
  await d.reload();
  await visible(d, '[data-testid="need-chart"] g.bar', 'the chart on a phone');
  const wide = await d.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
      .slice(0, 5),
  );
  assert.deepEqual(wide, [], 'nothing but scrollable tables sticks out of a 390 px screen');
  await d.screenshot({ path: path.join(SHOTS, 'donor-contribute-390.png'), fullPage: true });
  assert.deepEqual(donor.problems, [], 'the donor page logged no errors');
});
