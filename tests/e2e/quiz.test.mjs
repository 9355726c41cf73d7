// End-to-end journeys through the quiz page on the release build: the challenge taken twice
// (one wrong and four right, then all right) with the badge surviving a reload, practice with
// the worked solution, the visual quiz, ordering by drag and drop and by keyboard, the progress
// panel (its link to Your progress, a corrupt quiz section), axe-core on answered states (light and dark), and screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot } from './lib/browser.mjs';

const DIST = process.env.DIST;
let browser, site;

before(async () => {
  assert.ok(DIST, 'DIST names the release build folder');
  browser = await launch();
  site = await serveStatic(DIST, '/');
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const tid = (id) => `[data-testid="${id}"]`;
const problem = (i) => `${tid(`problem-${i}`)}`;
// The right option of each single-choice challenge problem (A = 0); problem 3 is the ordering one.
const RIGHT = [0, 0, null, 3, 2];

async function openQuiz(page) {
  await page.goto(site.base + 'quiz');
  await waitForApp(page);
  await page.waitForSelector(tid('tab-challenge'));
}

async function noOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Orders the workflow steps 1,2,3,4 into 3,2,1,4: one drag (3 onto 1), then the keyboard. */
async function orderWorkflow(page) {
  const card = problem(2);
  await page.locator(`${card} ${tid('ordering-step-3')}`).dragTo(page.locator(`${card} ${tid('ordering-step-1')}`));
  let order = await stepOrder(page, card);
  if (order.join() !== '3,1,2,4') {
    // Drag and drop did not take (should not happen in Chromium): fall back to the buttons.
    await page.click(`${card} ${tid('move-up-3')}`);
    await page.click(`${card} ${tid('move-up-3')}`);
  }
  assert.deepEqual(await stepOrder(page, card), [3, 1, 2, 4], 'drag and drop moved step 3 to the top');
  // Keyboard: focus "move step 1 down" and press Enter; focus stays on the moved step.
  await page.focus(`${card} ${tid('move-down-1')}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((c) => [...document.querySelectorAll(`${c} [data-step]`)].map((e) => e.dataset.step).join() === '3,2,1,4', card);
  await page.waitForFunction(() => document.activeElement?.dataset.testid?.endsWith('-1'));
}

async function stepOrder(page, card) {
  return page.$$eval(`${card} [data-step]`, (els) => els.map((e) => Number(e.dataset.step)));
}

async function answer(page, i, right) {
  await page.click(tid(`problem-tab-${i}`));
  if (i === 2) {
    if (right) await orderWorkflow(page);
  } else {
    const pick = right ? RIGHT[i] : (RIGHT[i] + 1) % 4;
    await page.check(`${problem(i)} ${tid(`option-${pick}`)}`);
  }
  await page.click(`${problem(i)} ${tid('check-answer')}`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent !== '', `${problem(i)} ${tid('feedback')}`);
  const verdict = await page.textContent(`${problem(i)} ${tid('feedback')}`);
  assert.equal(verdict === 'Correct!', right, `problem ${i + 1}: ${verdict}`);
}

async function finish(page) {
  await page.click(`${problem(4)} ${tid('next-problem')}`);
  await page.waitForSelector(tid('challenge-result'));
}

test('challenge: one wrong and four right, then all right; the badge survives a reload', async () => {
  const { context, page, errors } = await openPage(browser);
  await openQuiz(page);
  await page.click(tid('tab-challenge'));
  assert.match(await page.textContent(tid('panel-challenge')), /Scaling Mastery in MLOps/);
  // Timers off (WCAG 2.2.1), so the journey never races a countdown.
  await page.check(tid('timer-off'));
  await page.click(tid('start-challenge'));
  await page.waitForSelector(problem(0));
  assert.equal(await page.textContent(`${problem(0)} ${tid('countdown')}`), 'No time limit');
  assert.equal(await page.textContent(`${problem(0)} ${tid('attempts-left')}`), '2 attempts left');

  // Problem 1 wrong twice: locked, the answer shown.
  await answer(page, 0, false);
  assert.match(await page.textContent(`${problem(0)} ${tid('feedback')}`), /One attempt left/);
  await answer(page, 0, false);
  await page.waitForSelector(`${problem(0)} ${tid('correct-answer')}`);
  assert.equal(await page.isDisabled(`${problem(0)} ${tid('check-answer')}`), true, 'locked');
  for (const i of [1, 2, 3, 4]) await answer(page, i, true);
  assert.deepEqual(await axeViolations(page), [], 'axe on the answered challenge');
  await finish(page);
  assert.equal(await page.textContent(tid('result-score')), '4 of 5 right, 400 of 500 points.');
  assert.ok(await page.isVisible(tid('result-no-badge')));
  assert.deepEqual(await axeViolations(page), [], 'axe on the result screen');

  // Retry: all five right.
  await page.click(tid('retry'));
  await page.waitForSelector(problem(0));
  for (const i of [0, 1, 2, 3, 4]) await answer(page, i, true);
  await finish(page);
  assert.equal(await page.textContent(tid('result-score')), '5 of 5 right, 500 of 500 points.');
  assert.match(await page.textContent(tid('result-badge')), /Badge earned: Scaling Mastery in MLOps/);
  await page.waitForTimeout(700); // the badge's entrance animation
  await screenshot(page, 'quiz-challenge-badge-desktop');

  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(tid('badge-earned'));
  assert.match(await page.textContent(tid('badge-earned')), /Scaling Mastery in MLOps/);
  assert.match(await page.textContent(tid('progress-summary')), /Best challenge run: 5 of 5 right, 500 points \(2 runs\)/);
  assert.equal(await page.isChecked(tid('timer-off')), true, 'the timer setting is remembered');
  assert.deepEqual(errors, []);
  await context.close();
});

test('challenge countdown runs as m:ss, pauses, and can be given more time', async () => {
  const { context, page, errors } = await openPage(browser);
  await openQuiz(page);
  await page.click(tid('tab-challenge'));
  await page.click(tid('start-challenge'));
  const countdown = `${problem(1)} ${tid('countdown')}`;
  await page.click(tid('problem-tab-1'));
  assert.equal(await page.textContent(countdown), '1:30 remaining');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === '1:29 remaining', countdown, { timeout: 5000 });
  await page.click(`${problem(1)} ${tid('pause')}`);
  assert.ok(await page.isVisible(`${problem(1)} ${tid('paused-note')}`));
  const frozen = await page.textContent(countdown);
  await page.waitForTimeout(1500);
  assert.equal(await page.textContent(countdown), frozen, 'paused time stands still');
  await page.click(`${problem(1)} ${tid('pause')}`);
  await page.click(`${problem(1)} ${tid('add-time')}`);
  assert.match(await page.textContent(countdown), /2:2\d remaining/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('practice: feedback, hint, the worked solution step by step; visual quiz highlights its row', async () => {
  const { context, page, errors } = await openPage(browser);
  await openQuiz(page);
  const q = tid('question-practice-4-vertical-limit');
  // Keyboard: the tab list follows the arrow keys.
  await page.focus(tid('tab-practice'));
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tab-visual');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 3; i++) await page.click(`${tid('panel-practice')} article:not([hidden]) ${tid('next-question')}`);
  await page.check(`${q} ${tid('option-0')}`);
  await page.click(`${q} ${tid('check-answer')}`);
  assert.match(await page.textContent(`${q} ${tid('feedback')}`), /Not quite/);
  await page.click(`${q} ${tid('show-hint')}`);
  assert.match(await page.textContent(`${q} ${tid('hint')}`), /Add servers/);
  await page.check(`${q} ${tid('option-3')}`);
  await page.click(`${q} ${tid('check-answer')}`);
  assert.equal(await page.textContent(`${q} ${tid('feedback')}`), 'Correct!');
  await page.click(`${q} ${tid('show-solution')}`);
  await page.click(`${q} ${tid('next-step')}`);
  assert.match(await page.textContent(`${q} ${tid('solution-final')}`), /Option D/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the answered practice question');

  await page.click(tid('tab-visual'));
  const v = tid('question-visual-2-add-nodes');
  await page.click(`${tid('panel-visual')} article:not([hidden]) ${tid('next-question')}`);
  // Focus moves on the next animation frame, after the click has returned.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Question 2 of 3', null, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Question 2 of 3', 'focus moves to the new question');
  await page.check(`${v} ${tid('option-2')}`);
  await page.click(`${v} ${tid('check-answer')}`);
  await page.waitForSelector(`${tid('panel-visual')} tr.highlight${tid('table-row-4')}`);
  assert.deepEqual(await axeViolations(page), [], 'axe on the answered visual quiz');

  await page.click(tid('tab-commands'));
  const c = tid('question-commands-4-get-hpa');
  for (let i = 0; i < 3; i++) await page.click(`${tid('panel-commands')} article:not([hidden]) ${tid('next-question')}`);
  await page.fill(`${c} ${tid('text-answer')}`, 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE\nweb Deployment/web cpu: 30%/50% 2 5 2 2m');
  await page.click(`${c} ${tid('check-answer')}`);
  assert.equal(await page.textContent(`${c} ${tid('feedback')}`), 'Correct!');
  assert.deepEqual(errors, []);
  await context.close();
});

test('progress: the panel sums up and links to Your progress; a corrupt quiz section shows a notice', async () => {
  const { context, page, errors } = await openPage(browser);
  await openQuiz(page);
  await page.click(tid('tab-visual'));
  const v = tid('question-visual-1-small-data');
  await page.check(`${v} ${tid('option-0')}`);
  await page.click(`${v} ${tid('check-answer')}`);
  assert.match(await page.textContent(tid('progress-summary')), /Questions answered: 1, right at the last try: 1/);
  assert.equal(await page.locator(tid('export-progress')).count(), 0, 'export and import moved to Your progress');
  await page.click(tid('progress-page-link'));
  await page.waitForSelector(tid('progress-score'));
  assert.match(await page.textContent(tid('progress-quizzes')), /Visual quiz[^.]*: 1 of 3 right/);

  // Only the quiz section is corrupt: it starts afresh with a notice, the rest is kept.
  await page.evaluate(() => localStorage.setItem('mlops-scaling.progress', '{"schema_version":1,"quiz":{"broken":true},"files":{"a.yaml":"kind: Service"}}'));
  await openQuiz(page);
  assert.match(await page.textContent(tid('progress-notice')), /quiz progress could not be read.*starts afresh/);
  assert.match(await page.textContent(tid('progress-summary')), /Questions answered: 0/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('quiz screenshots at phone and desktop width, light and dark, no horizontal scrolling', async () => {
  for (const [name, width, colorScheme] of [['phone', 360, 'light'], ['desktop', 1280, 'light'], ['phone-dark', 360, 'dark']]) {
    const { context, page, errors } = await openPage(browser, { width, height: 800, colorScheme });
    await openQuiz(page);
    const p = tid('question-practice-1-why-different');
    await page.check(`${p} ${tid('option-2')}`);
    await page.click(`${p} ${tid('check-answer')}`);
    await page.click(`${p} ${tid('show-solution')}`);
    await page.click(`${p} ${tid('next-step')}`);
    assert.ok(await noOverflow(page) <= 0, `practice: no horizontal scrolling at ${width}px`);
    await screenshot(page, `quiz-practice-${name}`);

    await page.click(tid('tab-visual'));
    const v = tid('question-visual-3-resource-limit');
    await page.click(`${tid('panel-visual')} article:not([hidden]) ${tid('next-question')}`);
    await page.click(`${tid('panel-visual')} article:not([hidden]) ${tid('next-question')}`);
    await page.check(`${v} ${tid('option-1')}`);
    await page.click(`${v} ${tid('check-answer')}`);
    assert.ok(await noOverflow(page) <= 0, `visual: no horizontal scrolling at ${width}px`);
    await screenshot(page, `quiz-visual-${name}`);

    await page.click(tid('tab-challenge'));
    await page.click(tid('start-challenge'));
    await page.click(tid('problem-tab-2'));
    await page.click(`${problem(2)} ${tid('move-up-3')}`);
    assert.ok(await noOverflow(page) <= 0, `challenge: no horizontal scrolling at ${width}px`);
    await screenshot(page, `quiz-challenge-${name}`);
    if (colorScheme === 'dark') assert.deepEqual(await axeViolations(page), [], 'axe in dark mode');

    await page.click(tid('tab-generated'));
    const g = tid('question-generated-1-hpa-replicas');
    await page.fill(`${g} ${tid('text-answer')}`, '1');
    await page.click(`${g} ${tid('check-answer')}`);
    assert.ok(await noOverflow(page) <= 0, `generated: no horizontal scrolling at ${width}px`);
    await screenshot(page, `quiz-generated-${name}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
