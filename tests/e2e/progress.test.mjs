// End-to-end journeys of "Your progress" on the release build: one thing done in every mode
// (a quiz answer, a kubectl mission, the exercise's first step, a lab preset played to its end)
// listed on /progress; export, reset and import back; a corrupt document kept under the backup
// key with a notice; the legacy keys migrated; the progress event; the printed record; axe in
// light and dark (no violations at all); keyboard only; 360 px without horizontal scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot } from './lib/browser.mjs';

const DIST = process.env.DIST;
const DIST_SUBPATH = process.env.DIST_SUBPATH;
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
const KEY = 'mlops-scaling.progress';
const ALL_IMPACTS = ['minor', 'moderate', 'serious', 'critical'];

async function openProgress(page, base = site.base) {
  await page.goto(base + 'progress');
  await waitForApp(page);
  await page.waitForSelector(tid('progress-score'));
}

async function noOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A saved document with one answer, one mission, one exercise step and one lab run. */
const SEEDED = JSON.stringify({
  schema_version: 1,
  quiz: {
    schema_version: 1,
    quizzes: { visual: { runs_completed: 0, best_points: 0, best_correct: 0, question_count: 0, time_spent_ms: 0, last_answers: { 'visual-1-small-data': { answer: { kind: 'choice', index: 0 }, correct: true } } } },
    badges: [],
    timer_setting: { mode: 'standard' },
  },
  exercise: { code: 'x = 1\n', best: 1, bonus: false, discovered: false },
  missions: { '01-scale-to-three': { completed: true, best_commands: 1, hints_used: 0 } },
  files: {},
  lab_runs: [{ scenario: 'crashloop-backoff', strategy: 'fixed:2', seed: 42, seconds: 900, p95_ms: '120', dropped: '0.0 %', peak_pods: 2, peak_nodes: 2, cost: '0.50' }],
});

test('one thing done in every mode is listed; export, reset, import back', async () => {
  const { context, page, errors } = await openPage(browser);
  // Quiz: one right answer.
  await page.goto(site.base + 'quiz');
  await waitForApp(page);
  await page.click(tid('tab-visual'));
  const v = tid('question-visual-1-small-data');
  await page.check(`${v} ${tid('option-0')}`);
  await page.click(`${v} ${tid('check-answer')}`);
  await page.waitForFunction(() => /answered: 1/.test(document.querySelector('[data-testid="progress-summary"]').textContent));
  // kubectl: the first mission.
  await page.goto(site.base + 'kubectl?mission=01-scale-to-three');
  await waitForApp(page);
  await page.waitForSelector('#kubectl-input');
  for (const line of ['kubectl scale deployment my-ml-model --replicas=3', 'wait 60s']) {
    await page.fill('#kubectl-input', line);
    await page.press('#kubectl-input', 'Enter');
  }
  await page.waitForSelector('.term-done:not([hidden])');
  // Exercise: the first step.
  await page.goto(site.base + 'exercise');
  await waitForApp(page);
  await page.waitForSelector(tid('editor'), { timeout: 20000 });
  await page.fill(tid('editor'), "systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}\n");
  await page.click(tid('check'));
  await page.waitForFunction(() => document.querySelector('[data-testid="progress"]')?.textContent === '1 / 4 steps');
  // Lab: a 15-minute preset played as fast as possible to its end (recorded there).
  await page.goto(site.base + 'lab?scenario=crashloop-backoff');
  await waitForApp(page);
  await page.waitForSelector(tid('node'), { timeout: 30000 });
  await page.selectOption(tid('lab-speed'), '0');
  await page.click(tid('lab-play'));
  await page.waitForFunction(() => /in your progress/.test(document.querySelector('[data-testid="lab-live"]').textContent), null, { timeout: 60000 });

  // The header's link opens the record.
  await page.click(tid('progress-link'));
  await page.waitForSelector(tid('progress-score'));
  assert.equal(new URL(page.url()).pathname, '/progress');
  assert.match(await page.textContent(tid('progress-quizzes')), /Visual quiz[^.]*: 1 of 3 right/);
  assert.match(await page.textContent(tid('progress-missions')), /Three copies of the model: done in 1 command\(s\), par 1/);
  assert.match(await page.textContent(tid('progress-exercise')), /1 of 4 steps done/);
  assert.match(await page.textContent(tid('progress-lab')), /1 run\(s\)\. Last: .*\d+ min \d+ s, p95 latency \d+ ms/);
  assert.match(await page.textContent(tid('progress-score')), /Course score: \d+ %/);
  assert.match(await page.textContent(tid('progress-left')), /Not completed yet/);

  // Export, reset, import back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-progress'))]);
  assert.equal(download.suggestedFilename(), 'mlops-scaling-progress.json');
  const file = fs.readFileSync(await download.path());
  assert.match(file.toString(), /crashloop-backoff/);
  await page.click(tid('reset-progress'));
  await page.click(tid('confirm-reset'));
  await page.waitForFunction(() => /Progress reset/.test(document.querySelector('[data-testid="progress-status"]').textContent));
  assert.match(await page.textContent(tid('progress-missions')), /Three copies of the model: not done yet/);
  // A bad file: a clear message, nothing changes.
  await page.setInputFiles(tid('import-progress'), { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"schema_version": 99}') });
  await page.waitForFunction(() => /junk\.json was not imported/.test(document.querySelector('[data-testid="progress-status"]').textContent));
  assert.match(await page.textContent(tid('progress-status')), /newer version/);
  await page.setInputFiles(tid('import-progress'), { name: 'mine.json', mimeType: 'application/json', buffer: file });
  await page.waitForSelector(`${tid('confirm-import')}:visible`);
  assert.match(await page.textContent(tid('progress-status')), /mine\.json holds: .*missions 1 of 7/);
  assert.match(await page.textContent(tid('progress-missions')), /not done yet/, 'nothing replaced before confirming');
  await page.click(tid('confirm-import'));
  await page.waitForFunction(() => /Progress imported from mine\.json/.test(document.querySelector('[data-testid="progress-status"]').textContent));
  assert.match(await page.textContent(tid('progress-missions')), /Three copies of the model: done in 1 command/);
  await page.reload();
  await page.waitForSelector(tid('progress-score'));
  assert.match(await page.textContent(tid('progress-lab')), /1 run\(s\)/, 'the import was saved');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupt document gives a notice and is kept under the backup key', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  await page.evaluate((k) => localStorage.setItem(k, '{"schema_version":1,"quiz":'), KEY);
  await openProgress(page);
  assert.match(await page.textContent(tid('progress-status')), /could not be used.*kept aside/);
  assert.equal(await page.evaluate(() => localStorage.getItem('mlops-scaling.progress.unreadable')), '{"schema_version":1,"quiz":');
  assert.match(await page.evaluate((k) => localStorage.getItem(k), KEY), /"schema_version":1/, 'a fresh document saved');
  // One corrupt section: dropped alone, the rest kept.
  await page.evaluate(([k, seeded]) => {
    const d = JSON.parse(seeded);
    d.lab_runs = 'lots';
    localStorage.setItem(k, JSON.stringify(d));
  }, [KEY, SEEDED]);
  await openProgress(page);
  assert.match(await page.textContent(tid('progress-status')), /lab runs could not be read/);
  assert.match(await page.textContent(tid('progress-missions')), /done in 1 command/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the legacy keys migrate into the document and are removed; the event reports the score', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  const quiz = JSON.parse(SEEDED).quiz;
  await page.evaluate(([k, quizText]) => {
    localStorage.removeItem(k);
    localStorage.setItem('mlops-scaling.quiz-progress', quizText);
    localStorage.setItem('mlops-scaling.exercise.capacity-vs-load', '{"code":"x = 1\\n","best":2}');
    localStorage.setItem('mlops-scaling.kubectl.missions', '{"01-scale-to-three":{"completed":true,"best_commands":1,"hints_used":0}}');
    localStorage.setItem('mlops-scaling.kubectl.files', '{"mine.yaml":"kind: Service\\n"}');
  }, [KEY, JSON.stringify(quiz)]);
  await openProgress(page);
  assert.match(await page.textContent(tid('progress-quizzes')), /Visual quiz[^.]*: 1 of 3 right/);
  assert.match(await page.textContent(tid('progress-exercise')), /2 of 4 steps done/);
  assert.match(await page.textContent(tid('progress-missions')), /done in 1 command/);
  // The first save moves them into the document and removes the old keys.
  await page.click(tid('reset-progress'));
  await page.click(tid('confirm-reset'));
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys.filter((k) => k.startsWith('mlops-scaling')), [KEY]);

  // The event: after every save and once at start, detail exactly as documented.
  await page.evaluate(() => {
    window.__progress = [];
    window.addEventListener('mlops-scaling:progress', (e) => window.__progress.push(e.detail));
  });
  await page.click(tid('reset-progress'));
  await page.click(tid('confirm-reset'));
  const details = await page.evaluate(() => window.__progress);
  assert.equal(details.length, 1);
  assert.match(details[0], /^\{"score":\{"raw":0,"min":0,"max":100\},"completed":false,"summary":"Course score 0 % [^"]*"\}$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('print, axe (no violations) in light and dark, 360 px, keyboard only', async () => {
  for (const [name, width, colorScheme] of [['desktop', 1280, 'light'], ['phone', 360, 'light'], ['phone-dark', 360, 'dark'], ['desktop-dark', 1280, 'dark']]) {
    const { context, page, errors } = await openPage(browser, { width, height: 900, colorScheme });
    await page.goto(site.base);
    await waitForApp(page);
    await page.evaluate(([k, seeded]) => localStorage.setItem(k, seeded), [KEY, SEEDED]);
    await openProgress(page);
    await screenshot(page, `progress-${name}`);
    assert.deepEqual(await axeViolations(page, ALL_IMPACTS), [], `${name}: axe`);
    assert.ok(await noOverflow(page) <= 0, `${name}: no horizontal scrolling`);
    if (name === 'desktop') {
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.isVisible(tid('export-progress')), false, 'no buttons on paper');
      assert.equal(await page.isVisible('.site-header'), false, 'no navigation on paper');
      assert.match(await page.textContent(tid('progress-date')), /\d{4}-\d\d-\d\d/);
      await screenshot(page, 'progress-print');
      await page.emulateMedia({ media: 'screen' });
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('keyboard only: reach Reset, confirm it, and read the status', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  await page.evaluate(([k, seeded]) => localStorage.setItem(k, seeded), [KEY, SEEDED]);
  await openProgress(page);
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.dataset.testid === 'reset-progress');
  }
  assert.ok(found, 'Tab reaches Reset');
  await page.keyboard.press('Enter');
  // Reset hides itself; the next Tab stops go to the confirmation.
  found = false;
  for (let i = 0; i < 3 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.dataset.testid === 'confirm-reset');
  }
  assert.ok(found, 'Tab reaches "Yes, reset"');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Progress reset/.test(document.querySelector('[data-testid="progress-status"]').textContent));
  assert.equal(await page.getAttribute(tid('progress-status'), 'aria-live'), 'polite');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload of /progress works under the sub-path', { skip: !DIST_SUBPATH }, async () => {
  const sub = await serveStatic(DIST_SUBPATH, '/course/scaling/');
  const { context, page, errors } = await openPage(browser);
  try {
    await openProgress(page, sub.base);
    await page.reload();
    await page.waitForSelector(tid('progress-score'));
    const href = await page.getAttribute(`${tid('progress-missions')} a`, 'href');
    assert.match(href, /^\/course\/scaling\/kubectl\?mission=/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await sub.close();
  }
});
