// Browser test of the ICT-support journey, member and staff, against a running gateway: a
// member asks for support; staff assign themselves as assessor; the member answers the
// questionnaire section by section, leaves and resumes, and submits; the maturity chart and the
// package appear; staff change a recommendation's cost and accept the package, which becomes a
// project proposal. Each step is checked afterwards through the API.
//
//   TRELLIS_URL=http://127.0.0.1:18080 SCREENSHOT_DIR=/tmp/shots node --test frontend/e2e/
//
// The gateway limits sign-ins per account (see roles.test.mjs): this file signs the member and
// the staff account in once each and keeps each signed-in context for the whole journey.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { useBrowser, SHOTS, signedIn, visible, api } from './journey.mjs';

useBrowser();

test('a member answers the ICT questionnaire in sections; staff edit and accept the package', async (t) => {
  const member = await signedIn(t, 'member@trellis.test', { expected: [401, 404, 422] });
  const staff = await signedIn(t, 'staff2@trellis.test', { expected: [401, 404, 422] });
  const m = member.page;
  const s = staff.page;
  const needs = `Shared document server ${Date.now().toString(36)}`;

  // --- The member asks for support.
  await m.goto('/ict-support/new');
  await visible(m, '#needs', 'the ICT support form');
  await m.fill('#needs', needs);
  await m.fill('#context', 'Drafts travel by e-mail between 12 committees; versions get lost.');
  await m.check('#urgency-medium');
  await m.click('[data-testid="submit"]');
  await visible(m, '[data-testid="created"]', 'the "created" notice');
  await m.click('tr.row-new a.row-title');
  await visible(m, '[data-testid="questionnaire"]', 'the questionnaire');
  const url = new URL(m.url()).pathname;
  const id = url.split('/').pop();

  // --- Staff assign themselves.
  await s.goto(url);
  await visible(s, '[data-testid="assign-me"]', 'the "assign me" button');
  await s.click('[data-testid="assign-me"]');
  await visible(s, '[data-testid="questionnaire"]', 'the questionnaire, for the assessor');
  const me = await api(s, '/api/auth/me');
  assert.equal((await api(s, `/api/assessments/requests/${id}`)).assessor_id, me.id, 'the assessor is recorded');

  // --- The member answers section by section: low answers, so that rules recommend things.
  const questionnaire = await api(m, '/api/assessments/questionnaires/current');
  const sections = questionnaire.sections.map((x) => x.code);
  async function answerCurrent(page) {
    for (const el of await page.$$('[data-testid="questionnaire"] .q-section select')) {
      const kind = await el.getAttribute('data-kind');
      await el.selectOption(kind === 'yes_no' ? 'false' : '1');
    }
    for (const el of await page.$$('[data-testid="questionnaire"] .q-section input[data-kind="number"]')) {
      await el.fill('1');
    }
  }
  async function onSection(page, code, what) {
    await visible(page, `.tab[aria-current="step"][data-section="${code}"]`, what);
  }
  await onSection(m, sections[0], 'the first section');
  await answerCurrent(m);
  await m.click('[data-testid="save-next"]');
  await onSection(m, sections[1], 'the second section after saving the first');

  // Leave, come back: the first section's answers are kept and the work resumes at the second.
  await m.goto('/projects');
  await visible(m, '[data-testid="projects"]', 'another page');
  await m.goto(url);
  await onSection(m, sections[1], 'resuming at the second section');
  const firstQuestion = questionnaire.sections[0].questions[0];
  await m.click(`.tab[data-section="${sections[0]}"]`);
  const kept = await m.inputValue(`[id="q-${firstQuestion.code}"]`);
  assert.notEqual(kept, '', 'the first answer is still there after leaving');
  await m.click(`.tab[data-section="${sections[1]}"]`);

  for (let i = 1; i < sections.length; i++) {
    await onSection(m, sections[i], `section ${i + 1}`);
    await answerCurrent(m);
    await m.click('[data-testid="save-next"]');
    if (i + 1 < sections.length) await onSection(m, sections[i + 1], `section ${i + 2} after saving`);
  }
  await visible(m, '[data-testid="submit-assessment"]', 'the submit button once every section is answered');
  await m.click('[data-testid="submit-assessment"]');
  await visible(m, '[data-testid="maturity-chart"]', 'the maturity chart');
  const bars = await m.$$eval('[data-testid="maturity-chart"] g.bar', (g) => g.map((b) => b.dataset.section));
  assert.deepEqual(bars, sections, 'one bar per section, in order');
  await m.screenshot({ path: path.join(SHOTS, 'ict-maturity.png'), fullPage: true });
  const score = await api(m, `/api/assessments/requests/${id}/score`);
  const levels = await m.$$eval('[data-testid="maturity-chart"] g.bar', (g) => g.map((b) => Number(b.dataset.level)));
  assert.deepEqual(levels, score.sections.map((x) => x.level), 'the chart shows the scored levels');

  // --- Staff change a recommendation's cost and accept the package.
  await s.reload();
  await visible(s, '[data-testid="package"] [data-testid="edit-rec"]', 'the editable package');
  const rec = await s.$eval('[data-testid="package"] li.recommendation', (li) => li.dataset.id);
  await s.click(`li.recommendation[data-id="${rec}"] [data-testid="edit-rec"]`);
  await s.fill(`[id="rec-${rec}-cost"]`, '1234.567');
  await s.click(`li.recommendation[data-id="${rec}"] [data-testid="save-rec"]`);
  await visible(s, `[data-testid="field-error"][data-field="rec-${rec}-cost"]`, 'the cost error');
  await s.fill(`[id="rec-${rec}-cost"]`, '1234.50');
  await s.click(`li.recommendation[data-id="${rec}"] [data-testid="save-rec"]`);
  await visible(s, `li.recommendation[data-id="${rec}"] [data-testid="rec-cost"]:has-text("1234.50 CHF")`, 'the new cost');
  await s.click('[data-testid="accept-package"]');
  await visible(s, '[data-testid="package-proposal"]', 'the proposal made from the package');
  await s.screenshot({ path: path.join(SHOTS, 'ict-accepted.png'), fullPage: true });

  const recs = await api(s, `/api/assessments/requests/${id}/recommendations`);
  assert.equal(recs.find((r) => r.id === rec).cost.amount, '1234.50');
  const proposal = await api(s, `/api/assessments/requests/${id}/proposal`);
  if (proposal.state === 'created') {
    const project = await api(s, `/api/projects/projects/${proposal.project_id}`);
    assert.equal(project.theme, 'ict_support');
    assert.equal(project.status, 'draft');
    await s.click('[data-testid="proposal-link"]');
    await visible(s, '[data-testid="proposal"] article', 'the proposal page');
  }
  assert.equal((await api(s, `/api/assessments/requests/${id}`)).status, 'accepted');

  assert.deepEqual(member.problems, [], 'the member page logged no errors');
  assert.deepEqual(staff.problems, [], 'the staff page logged no errors');
});
