// End-to-end journeys through the exercise page on the release build: the solution typed step
// by step with the keyboard (Check after each: 1/4 .. 4/4), still there after a reload; an
// endless loop ends with the budget message; a syntax error marks its line; the play area's
// sliders change the chart and the table; the lab link carries the load and the strategies
// (also under a sub-path); axe-core light and dark; 360 px without horizontal scrolling;
// screenshots at 360 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot } from './lib/browser.mjs';

const DIST = process.env.DIST;
const DIST_SUBPATH = process.env.DIST_SUBPATH;
let browser, site, subSite;

before(async () => {
  assert.ok(DIST, 'DIST names the release build folder');
  browser = await launch();
  site = await serveStatic(DIST, '/');
  if (DIST_SUBPATH) subSite = await serveStatic(DIST_SUBPATH, '/course/scaling/');
});

after(async () => {
  await browser?.close();
  await site?.close();
  await subSite?.close();
});

const tid = (id) => `[data-testid="${id}"]`;
const EDITOR = tid('editor');

const SOLUTION = `systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}
load = 7
can_handle_load = {}
for strategy, capacity in systems.items():
    can_handle_load[strategy] = capacity >= load
print(can_handle_load)
`;

async function openExercise(page, base = site.base) {
  await page.goto(base + 'exercise');
  await waitForApp(page);
  await page.waitForSelector(EDITOR, { timeout: 20000 });
}

async function progress(page) {
  return page.textContent(tid('progress'));
}

async function check(page, expected) {
  await page.click(tid('check'));
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [tid('progress'), expected]);
}

/** Types at the end of the editor, key by key; `\t` presses Tab (the editor indents). */
async function typeAtEnd(page, text) {
  await page.focus(EDITOR);
  await page.keyboard.press('Control+End');
  for (const part of text.split(/(\t)/)) {
    if (part === '\t') await page.keyboard.press('Tab');
    else if (part) await page.keyboard.type(part);
  }
}

async function noOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Completes the four steps without typing (for the journeys that start after them). */
async function solve(page) {
  await page.fill(EDITOR, SOLUTION);
  await check(page, '4 / 4 steps');
}

test('the four steps typed with the keyboard, checked one by one, survive a reload', async () => {
  const { context, page, errors } = await openPage(browser);
  await openExercise(page);
  assert.equal(await progress(page), '0 / 4 steps');
  const body = await page.textContent('main');
  for (const text of ['You are working in a team', 'one size does not fit all', "What you'll learn", 'MLOps engineers', 'Use curly braces']) {
    assert.ok(body.includes(text), `the page shows: ${text}`);
  }
  // A hint on request.
  assert.equal(await page.isVisible(tid('hint-1')), false);
  await page.click(tid('hint-button-1'));
  assert.equal(await page.textContent(tid('hint-1')), 'Use curly braces to create a dictionary with the exact keys and values.');

  // Start from an empty editor, then type each step and Check it.
  await page.focus(EDITOR);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await typeAtEnd(page, "systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}\n");
  await check(page, '1 / 4 steps');
  assert.match(await page.textContent(tid('step-2-message')), /load is not defined/);
  await typeAtEnd(page, 'load = 8\n');
  await check(page, '1 / 4 steps');
  assert.equal(await page.textContent(tid('step-2-message')), 'load is 8, the step asks for 7');
  // Fix the 8: select the line's last character with the keyboard and retype it.
  await page.focus(EDITOR);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  await page.keyboard.press('Control+End');
  await check(page, '2 / 4 steps');
  // Enter after the colon indents the loop body; Shift+Tab ends the block.
  await typeAtEnd(page, 'can_handle_load = {}\nfor strategy, capacity in systems.items():\ncan_handle_load[strategy] = capacity >= load\n');
  await check(page, '3 / 4 steps');
  await typeAtEnd(page, '');
  await page.keyboard.press('Shift+Tab');
  await typeAtEnd(page, 'print(can_handle_load)\n');
  await check(page, '4 / 4 steps');
  assert.equal(await page.inputValue(EDITOR), SOLUTION, 'the loop body indented by four spaces, the print not');
  // Tab indents the current line; Shift+Tab takes it back.
  await typeAtEnd(page, '');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue(EDITOR), SOLUTION + '    ');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.inputValue(EDITOR), SOLUTION);
  assert.equal(await page.textContent(tid('output')), "{'single_node': False, 'horizontal_scaling': False, 'vertical_scaling': False}\n");
  assert.equal(await page.isVisible(tid('beyond')), true, 'the play area opens at 4 / 4');
  // Highlighting: the keywords of the typed loop are spans.
  const kws = await page.$$eval('.ex-tok-kw', (els) => els.map((e) => e.textContent));
  assert.deepEqual(kws, ['for', 'in']);

  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(EDITOR);
  assert.equal(await progress(page), '4 / 4 steps', 'progress survives a reload');
  assert.equal(await page.inputValue(EDITOR), SOLUTION, 'so does the code');
  await screenshot(page, 'exercise-solved-desktop');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an endless loop ends with the budget message; a syntax error marks its line', async () => {
  const { context, page, errors } = await openPage(browser);
  await openExercise(page);
  await page.fill(EDITOR, 'n = 0\nwhile True:\n    n = n + 1\n');
  const started = Date.now();
  await page.click(tid('run'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('TimeoutError'), tid('output'));
  assert.ok(Date.now() - started < 10000, 'the tab did not freeze');
  assert.match(await page.textContent(tid('output')), /TimeoutError: stopped after 1000000 steps: is there an infinite loop\?/);

  await page.fill(EDITOR, 'load = 7\nfor s in x\n    pass\n');
  await page.click(tid('run'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('SyntaxError'), tid('output'));
  assert.equal(await page.textContent(tid('output')), '  File "main.py", line 2\n    for s in x\nSyntaxError: expected \':\'');
  assert.equal(await page.getAttribute('.ex-line-err', 'data-line'), '2');
  assert.deepEqual(await axeViolations(page), [], 'axe with an error shown');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the play area: sliders change the chart and the table; the lab link carries the load', async () => {
  const { context, page, errors } = await openPage(browser);
  await openExercise(page);
  await solve(page);
  await page.waitForSelector(`${tid('play-table')} tr[data-key="single_node"]`);
  const chart = () => page.$eval(tid('chart'), (c) => c.toDataURL());
  const before = await chart();
  const row = (key) => page.textContent(`${tid('play-table')} tr[data-key="${key}"]`);
  assert.match(await row('horizontal_scaling'), /Horizontal scaling.*5.*7.*No, 2 short/);
  // Keyboard on a slider: horizontal capacity 5 -> 8.
  await page.focus(tid('ex-slider-horizontal_scaling'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('1 of 3'), tid('play-summary'));
  assert.match(await row('horizontal_scaling'), /8.*Yes, 1 to spare/);
  assert.notEqual(await chart(), before, 'the chart was redrawn');
  // Load 7 -> 10, then discover the combined strategy (8 x 2 = 16).
  await page.focus(tid('ex-slider-load'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.click(tid('discover'));
  await page.waitForSelector(`${tid('play-table')} tr[data-key="combined"]`);
  assert.match(await row('combined'), /8 x 2 = 16.*10.*Yes, 6 to spare/);
  const href = await page.getAttribute(tid('lab-link'), 'href');
  assert.equal(href, '/lab?scenario=small-model-one-node&compare=single:small,fixed:5,vertical:large,hpa-ca:5-5@50&intensity=1.43&seed=42');
  // The sliders and the discovery are saved with the rest.
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(`${tid('play-table')} tr[data-key="combined"]`);
  assert.match(await row('combined'), /8 x 2 = 16.*10.*Yes, 6 to spare/, 'the sliders survive a reload');
  assert.equal(await page.inputValue(tid('ex-slider-load')), '10');
  await screenshot(page, 'exercise-play-desktop');
  for (const colorScheme of ['light', 'dark']) {
    const other = await openPage(browser, { colorScheme });
    await openExercise(other.page);
    await solve(other.page);
    await other.page.click(tid('hint-button-3'));
    assert.deepEqual(await axeViolations(other.page), [], `axe ${colorScheme}`);
    if (colorScheme === 'dark') await screenshot(other.page, 'exercise-play-desktop-dark');
    await other.context.close();
  }
  await page.click(tid('lab-link'));
  await page.waitForFunction(() => location.pathname === '/lab');
  // The lab opens that run (it rewrites the address in its own canonical order).
  const opened = new URLSearchParams(await page.evaluate(() => location.search));
  assert.equal(opened.get('scenario'), 'small-model-one-node');
  assert.equal(opened.get('compare'), 'single:small,fixed:5,vertical:large');
  assert.equal(opened.get('intensity'), '1.43');
  await page.waitForSelector('[data-testid="lab-summary"] tbody tr');
  assert.deepEqual(errors, []);
  await context.close();
});

test('reset asks first, then clears the code and the progress; a corrupt save starts afresh', async () => {
  const { context, page, errors } = await openPage(browser);
  await openExercise(page);
  await solve(page);
  await page.click(tid('reset'));
  assert.equal(await page.isVisible(tid('reset-confirm')), true);
  await page.click(tid('reset-yes'));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '0 / 4 steps', tid('progress'));
  assert.match(await page.inputValue(EDITOR), /^# Step 1: create the dictionary systems/);
  // The exercise's section of the progress document is corrupt: it alone starts afresh.
  await page.evaluate(() => localStorage.setItem('mlops-scaling.progress', '{"schema_version":1,"exercise":{"best":"lots"}}'));
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(EDITOR);
  assert.equal(await progress(page), '0 / 4 steps');
  assert.match(await page.textContent('main'), /exercise progress could not be read.*so it starts afresh/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone and desktop screenshots, no horizontal scrolling at 360 px', async () => {
  for (const [name, width, colorScheme] of [['phone', 360, 'light'], ['desktop', 1280, 'light'], ['phone-dark', 360, 'dark']]) {
    const { context, page, errors } = await openPage(browser, { width, height: 800, colorScheme });
    await openExercise(page);
    await page.fill(EDITOR, SOLUTION.replace('load = 7', 'load = 7\nprint(lod)'));
    await page.click(tid('check'));
    await page.waitForSelector('.ex-line-err');
    await screenshot(page, `exercise-error-${name}`);
    // The transparent textarea wraps exactly like its highlighted copy: no hidden overflow.
    const [scroll, client] = await page.$eval(EDITOR, (t) => [t.scrollHeight, t.clientHeight]);
    assert.ok(scroll <= client + 1, `${name}: the textarea's lines match the highlighted lines (${scroll} > ${client})`);
    assert.ok(await noOverflow(page) <= 0, `${name}: no horizontal scroll with an error shown`);
    await solve(page);
    await page.click(tid('hint-button-4'));
    await screenshot(page, `exercise-solved-${name}`);
    assert.ok(await noOverflow(page) <= 0, `${name}: no horizontal scroll with the play area`);
    if (colorScheme === 'dark') assert.deepEqual(await axeViolations(page), [], 'axe dark at 360 px');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('under a sub-path the lab link keeps the prefix', { skip: !DIST_SUBPATH && 'DIST_SUBPATH not set' }, async () => {
  const { context, page, errors } = await openPage(browser);
  await openExercise(page, subSite.base);
  await solve(page);
  const href = await page.getAttribute(tid('lab-link'), 'href');
  assert.ok(href.startsWith('/course/scaling/lab?scenario=small-model-one-node&'), href);
  assert.deepEqual(errors, []);
  await context.close();
});
