// Browser test of the proposal journey, member and staff, against a running gateway:
// a member drafts a full proposal (methods, a region, budget lines, dates) and submits it; staff
// start the review, score it (the geographic suggestion shown) and return it with a reason; the
// member reads the reason, edits the proposal and resubmits; staff approve. Each step is checked afterwards through
// the API (the project, its audit trail).
//
//   TRELLIS_URL=http://127.0.0.1:18080 SCREENSHOT_DIR=/tmp/shots node --test frontend/e2e/
//
// The gateway limits sign-ins per account (see roles.test.mjs): this file signs the member and
// the staff account in once each and keeps each signed-in context for the whole journey.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { useBrowser, SHOTS, signedIn, visible, status, api } from './journey.mjs';

useBrowser();

test('a member drafts and submits a full proposal; staff review, return and approve it', async (t) => {
  const member = await signedIn(t, 'member@trellis.test');
  const staff = await signedIn(t, 'staff@trellis.test');
  const m = member.page;
  const s = staff.page;
  const title = `Calibration laboratory twinning ${Date.now().toString(36)}`;

  // --- The member drafts, with a mistake in the budget that must not lose what was typed.
  await m.goto('/projects/new');
  await visible(m, '#title', 'the proposal form');
  await m.fill('#title', title);
  await m.fill('#summary', 'Two calibration laboratories pair up for a year of exchanges and audits.');
  await m.selectOption('#objective', '2');
  await m.selectOption('#theme', 'conformity_assessment');
  await m.check('#method-workshop');
  await m.check('#method-e_learning');
  await visible(m, '#beneficiary_regions input[type="checkbox"]', 'the liaison regions');
  const region = await m.$eval('#beneficiary_regions input[type="checkbox"]', (i) => i.value);
  await m.check(`#region-${region}`);
  await m.click('[data-testid="add-line"]');
  await m.selectOption('#line-0-category', 'experts');
  await m.fill('#line-0-description', 'Two assessors, ten days');
  await m.fill('#line-0-amount', '8000.505');
  await m.click('[data-testid="add-line"]');
  await m.selectOption('#line-1-category', 'travel');
  await m.fill('#line-1-amount', '4000');
  await m.fill('#planned_start', '2027-03-01');
  await m.fill('#planned_end', '2027-12-15');
  await m.click('[data-testid="submit"]');
  await visible(m, '[data-testid="field-error"][data-field="budget_lines[0].amount"]', 'the amount error');
  assert.equal(await m.inputValue('#title'), title, 'the title survives the error');
  assert.equal(await m.inputValue('#line-1-amount'), '4000', 'the other line survives the error');
  assert.equal(
    await m.evaluate(() => document.activeElement?.id),
    'line-0-amount',
    'the wrong amount has the focus',
  );
  await m.fill('#line-0-amount', '8000.50');
  await m.screenshot({ path: path.join(SHOTS, 'proposal-form.png'), fullPage: true });
  await m.click('[data-testid="submit"]');
  await visible(m, '[data-testid="created"]', 'the "created" notice');
  await m.click(`tr.row-new a.row-title`);
  await status(m, 'draft', 'the new draft');
  const id = await m.$eval('[data-testid="proposal"] article', (a) => a.dataset.id);

  const draft = await api(m, `/api/projects/projects/${id}`);
  assert.equal(draft.title, title);
  assert.deepEqual(draft.delivery_methods, ['workshop', 'e_learning']);
  assert.deepEqual(draft.beneficiary_regions, [region]);
  assert.deepEqual(draft.budget_totals, [{ amount: '12000.50', currency: 'CHF' }]);
  assert.equal(draft.planned_start, '2027-03-01');

  await m.click('[data-testid="submit-proposal"]');
  await status(m, 'submitted', 'submitting');

  // --- Staff find it in the review queue, start the review, score it and return it.
  await s.goto('/projects?status=submitted');
  await visible(s, `tr[data-id="${id}"] a.row-title`, 'the proposal in the review queue');
  await s.click(`tr[data-id="${id}"] a.row-title`);
  await status(s, 'submitted', 'the staff view of the proposal');
  await s.click('[data-testid="start-review"]');
  await status(s, 'under_review', 'starting the review');
  await visible(s, '[data-testid="geo-suggestion"]', 'the geographic suggestion (or why there is none)');
  await visible(s, '[data-testid="approvals"][data-needed="1"]', 'the approvals needed');
  const scores = [
    ['objective_oriented', '4', 'Builds the capacity of two members.'],
    ['topic_oriented', '3', 'Conformity assessment, a priority theme.'],
    ['delivery_oriented', '4', 'Workshops and e-learning fit the audience.'],
    ['geographic', '5', 'The region received little in three years.'],
  ];
  for (const [field, score, comment] of scores) {
    await s.selectOption(`[id="${field}.score"]`, score);
    await s.fill(`[id="${field}.comment"]`, comment);
  }
  await s.click('[data-testid="save-review"]');
  await visible(s, '[data-testid="reviews"] li[data-total="16"]', 'the saved scores');
  await s.click('[data-testid="return"]');
  await visible(s, '[data-testid="field-error"][data-field="reason"]', 'the reason is required to return');
  const reason = 'Please add the audit schedule to the summary.';
  await s.fill('#reason', reason);
  await s.screenshot({ path: path.join(SHOTS, 'proposal-review.png'), fullPage: true });
  await s.click('[data-testid="return"]');
  await status(s, 'returned', 'returning');

  // --- The member reads why and resubmits, on a phone-sized screen.
  await m.setViewportSize({ width: 390, height: 844 });
  await m.reload();
  await status(m, 'returned', 'the returned proposal');
  assert.match(await m.locator('[data-testid="returned-reason"]').innerText(), /audit schedule/);
  await m.screenshot({ path: path.join(SHOTS, 'proposal-returned-390.png'), fullPage: true });
  const wide = await m.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
      .slice(0, 5),
  );
  assert.deepEqual(wide, [], 'nothing sticks out of a 390 px screen');
  // It edits the returned proposal as asked (the whole form, filled with what it said).
  await m.click('[data-testid="edit-proposal"]');
  await visible(m, '[data-testid="edit-proposal-page"] #summary', 'the edit form');
  assert.equal(await m.inputValue('#title'), title, 'the form is filled with the proposal');
  assert.equal(await m.inputValue('#line-1-amount'), '4000.00', 'and with its budget lines');
  assert.ok(await m.isChecked('#method-workshop'), 'and with its delivery methods');
  await m.fill('#summary', 'Two calibration laboratories pair up for a year. Audit schedule: March, June and November.');
  await m.fill('#line-1-amount', '4500');
  await m.click('[data-testid="submit"]');
  await status(m, 'returned', 'back on the proposal after saving the changes');
  await visible(m, '[data-testid="timeline"] li[data-edit="true"]', 'the edit in the timeline');
  assert.match(await m.locator('[data-testid="returned-reason"]').innerText(), /audit schedule/, 'the return reason is still shown');
  assert.match(await m.locator('[data-testid="budget-total"]').innerText(), /12500\.50 CHF/);
  await m.click('[data-testid="submit-proposal"]');
  await status(m, 'submitted', 'resubmitting');

  // --- Staff review again and approve: one approval suffices below CHF 100 000.
  await s.reload();
  await status(s, 'submitted', 'the resubmitted proposal');
  await s.click('[data-testid="start-review"]');
  await status(s, 'under_review', 'the second review');
  await s.click('[data-testid="approve"]');
  await status(s, 'approved', 'approving');
  await visible(s, '[data-testid="timeline"] li[data-to="approved"]', 'the approval in the timeline');
  await s.screenshot({ path: path.join(SHOTS, 'proposal-approved.png'), fullPage: true });

  const trail = await api(s, `/api/projects/projects/${id}/transitions`);
  assert.deepEqual(
    trail.map((step) => step.to),
    ['submitted', 'under_review', 'returned', 'returned', 'submitted', 'under_review', 'approved'],
  );
  assert.match(trail[3].reason, /^edited: .*summary/, 'the edit is a step of the trail, naming what changed');
  assert.equal(trail[2].reason, reason);
  assert.equal(trail[2].by_role, 'staff');
  const approved = await api(s, `/api/projects/projects/${id}`);
  assert.match(approved.summary, /Audit schedule/, 'the edit is what was approved');
  assert.deepEqual(approved.budget_totals, [{ amount: '12500.50', currency: 'CHF' }]);
  const approvals = await api(s, `/api/projects/projects/${id}/approvals`);
  assert.equal(approvals.length, 1);

  assert.deepEqual(member.problems, [], 'the member page logged no errors');
  assert.deepEqual(staff.problems, [], 'the staff page logged no errors');
});
