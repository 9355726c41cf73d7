// Cross-cutting accessibility checks on the release build, over every route (the modes of
// content/modes.toml and the not-found page, so a new mode is covered by itself):
// - axe-core with its whole default rule set, no violation of any impact, in the interactive
//   states the per-page files do not already check in both colour schemes (light and dark);
// - the whole tab order of each page walked with Tab: every stop on screen with a visible focus
//   indicator, focus never trapped; prefers-reduced-motion leaves no animation running;
//   prefers-color-scheme: dark gives the dark palette;
// - 200 % zoom (a 1280x800 window at 200 %: 640x400 CSS px, device scale factor 2) and 360 px:
//   no horizontal scroll of the page, no text cut off by a hidden overflow, every control
//   reachable; screenshots in tests/e2e/artifacts;
// - keyboard-only journeys through every mode (Tab, Shift+Tab, Enter, Space, arrows; no clicks).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot } from './lib/browser.mjs';
import {
  routes, walkTabOrder, pageOverflow, clippedText, unreachableControls, runningAnimations, tabUntil, tabToTestId,
} from './lib/a11y.mjs';

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
const ROUTES = routes();

async function open(page, path) {
  await page.goto(site.base + path);
  await waitForApp(page);
}

/** Console errors, less the 404 status of the not-found page's own document (that is its point). */
const real = (errors) => errors.filter((e) => !/status of 404/.test(e));

// ---------------------------------------------------------------------------------------------
// axe-core in the interactive states, light and dark. Each state is set up with clicks (the
// keyboard journeys are below); the per-page files check the states they already cover.

const problem = (i) => tid(`problem-${i}`);
const RIGHT = [0, 0, null, 3, 2];

async function challengeAnswer(page, i, right) {
  await page.click(tid(`problem-tab-${i}`));
  if (i === 2) {
    if (right) {
      await page.click(`${problem(2)} ${tid('move-up-3')}`);
      await page.click(`${problem(2)} ${tid('move-up-3')}`);
      await page.click(`${problem(2)} ${tid('move-down-1')}`);
    }
  } else {
    await page.check(`${problem(i)} ${tid(`option-${right ? RIGHT[i] : (RIGHT[i] + 1) % 4}`)}`);
  }
  await page.click(`${problem(i)} ${tid('check-answer')}`);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent !== '', `${problem(i)} ${tid('feedback')}`);
}

const STATES = [
  ['not-found page', async (page) => open(page, 'no-such-page')],
  ['overview with a "Run it here" terminal open', async (page) => {
    await open(page, '');
    await page.locator('[data-testid^="command-"]').first().getByRole('button', { name: /Run it here/ }).click();
    await page.waitForSelector('.term-screen');
  }, true],
  ['quiz practice answered wrong, hint and worked solution shown', async (page) => {
    await open(page, 'quiz');
    const q = tid('question-practice-1-why-different');
    await page.check(`${q} ${tid('option-0')}`);
    await page.click(`${q} ${tid('check-answer')}`);
    await page.click(`${q} ${tid('show-hint')}`);
    await page.check(`${q} ${tid('option-2')}`);
    await page.click(`${q} ${tid('check-answer')}`);
    await page.click(`${q} ${tid('show-solution')}`);
    await page.click(`${q} ${tid('next-step')}`);
  }, true],
  ['quiz visual answered', async (page) => {
    await open(page, 'quiz');
    await page.click(tid('tab-visual'));
    await page.check(`${tid('question-visual-1-small-data')} ${tid('option-1')}`);
    await page.click(`${tid('question-visual-1-small-data')} ${tid('check-answer')}`);
  }],
  ['timed challenge running, one answered wrong', async (page) => {
    await open(page, 'quiz');
    await page.click(tid('tab-challenge'));
    await page.click(tid('start-challenge'));
    await challengeAnswer(page, 0, false);
  }, true],
  ['timed challenge finished with its badge', async (page) => {
    await open(page, 'quiz');
    await page.click(tid('tab-challenge'));
    await page.check(tid('timer-off'));
    await page.click(tid('start-challenge'));
    for (const i of [0, 1, 2, 3, 4]) await challengeAnswer(page, i, true);
    await page.click(`${problem(4)} ${tid('next-problem')}`);
    await page.waitForSelector(tid('result-badge'));
  }],
  ['lab playing, side by side, event log, a Pending pod focused', async (page) => {
    await open(page, 'lab?scenario=hpa-50&strategy=fixed:40&t=30&compare=fixed:2,hpa');
    await page.waitForSelector(tid('node'), { timeout: 30000 });
    await page.click(tid('lab-play'));
    await page.waitForTimeout(600);
    await page.focus(`${tid('pending-pods')} li`);
  }],
  ['exercise after Run and Check with an error', async (page) => {
    await open(page, 'exercise');
    await page.waitForSelector(tid('editor'), { timeout: 20000 });
    await page.fill(tid('editor'), 'load = 7\nprint(lod)\n');
    await page.click(tid('run'));
    await page.click(tid('check'));
    await page.waitForSelector('.ex-line-err');
  }, true],
];

test('axe-core: no violation of any impact in the interactive states, light and dark; focus visible in them', async () => {
  const found = [];
  const consoleErrors = [];
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await openPage(browser, { colorScheme });
    for (const [name, setUp, walk] of STATES) {
      await setUp(page);
      for (const v of await axeViolations(page)) found.push(`${name} (${colorScheme}): ${v}`);
      // The controls these states add (terminal, solution, challenge, errors) show focus too.
      if (walk && colorScheme === 'light') {
        for (const p of (await walkTabOrder(page)).problems) found.push(`${name}: ${p}`);
      }
    }
    consoleErrors.push(...real(errors));
    await context.close();
  }
  assert.deepEqual(found, []);
  assert.deepEqual(consoleErrors, [], 'console is clean');
});

// ---------------------------------------------------------------------------------------------
// Every route: the tab order, reduced motion, the dark palette, 200 % zoom and 360 px.

for (const route of ROUTES) {
  test(`${route.label}: tab order with visible focus and no trap; reduced motion; dark palette`, async () => {
    const { context, page, errors } = await openPage(browser, { reducedMotion: 'reduce' });
    await open(page, route.path);
    await page.waitForTimeout(300); // bundles mount after the heading
    const { stops, problems } = await walkTabOrder(page);
    console.log(`${route.label}: ${stops.length} tab stops, each visible with a focus indicator`);
    assert.deepEqual(problems, [], `tab order: ${stops.length} stops`);
    assert.ok(stops.length >= 10, `the page has its header, switcher and content in the tab order (${stops.length})`);
    assert.deepEqual(await runningAnimations(page), [], 'no animation with prefers-reduced-motion');
    await context.close();

    const dark = await openPage(browser, { colorScheme: 'dark' });
    await open(dark.page, route.path);
    const [bg, fg] = await dark.page.evaluate(() => {
      const lum = (c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
      const cs = getComputedStyle(document.body);
      return [lum(cs.backgroundColor), lum(cs.color)];
    });
    assert.ok(bg < 0.2 && fg > 0.6, `dark palette (background ${bg.toFixed(2)}, text ${fg.toFixed(2)})`);
    assert.deepEqual(real([...errors, ...dark.errors]), []);
    await dark.context.close();
  });

  test(`${route.label}: 200 % zoom and 360 px, no page scroll sideways, no clipped text, controls reachable`, async () => {
    for (const [name, options] of [
      ['zoom200', { width: 640, height: 400, deviceScaleFactor: 2 }],
      ['phone360', { width: 360, height: 800 }],
    ]) {
      const { context, page, errors } = await openPage(browser, { ...options, reducedMotion: 'reduce' });
      await open(page, route.path);
      await page.waitForTimeout(300);
      assert.ok(await pageOverflow(page) <= 0, `${name}: no horizontal scroll (${await pageOverflow(page)} px)`);
      assert.deepEqual(await clippedText(page), [], `${name}: no clipped text`);
      assert.deepEqual(await unreachableControls(page), [], `${name}: every control reachable`);
      assert.ok(await page.isVisible(tid('page-heading')), `${name}: the heading shows`);
      if (name === 'zoom200') await screenshot(page, `a11y-${route.label}-zoom200`);
      assert.deepEqual(real(errors), []);
      await context.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Keyboard-only journeys through every mode: Tab, Shift+Tab, Enter, Space and the arrow keys
// from the top of the page, no clicks and no focus() shortcuts. The decision flow's walk to its
// end and the exercise's typing with the editor's own keys are in lessons and exercise.test.mjs;
// these go through the parts those do not reach by keyboard alone.

const press = (page, ...keys) => keys.reduce((p, k) => p.then(() => page.keyboard.press(k)), Promise.resolve());
const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.id ?? '');

test('keyboard only: overview, a command run in place', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, '');
  const ok = await tabUntil(page, (el) => el.textContent.startsWith('Run it here'));
  assert.ok(ok, 'Tab reaches "Run it here"');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('mini-') && document.activeElement.tagName === 'INPUT');
  await page.waitForFunction(() => /scaled/.test(document.querySelector('.term-screen')?.innerText));
  await page.keyboard.type('kubectl get pods');
  await press(page, 'Enter');
  await page.waitForFunction(() => /NAME\s+READY/.test(document.querySelector('.term-screen').innerText));
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: flow from the example buttons to its end', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'flow');
  await tabToTestId(page, 'preset-small-model');
  await press(page, 'Enter');
  await tabToTestId(page, 'flow-next');
  for (let i = 0; i < 12 && !(await page.isDisabled(tid('flow-next'))); i++) await press(page, 'Enter');
  await page.waitForSelector(tid('flow-outcome'));
  // Next is disabled at the end, so focus must not be lost: it goes on with Tab.
  await press(page, 'Tab');
  assert.notEqual(await focused(page), '', 'focus is still in the page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: quiz practice answered, feedback, hint, solution, next question', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'quiz');
  const q = tid('question-practice-1-why-different');
  await tabToTestId(page, 'option-0', { within: q });
  await press(page, 'Space');
  await tabToTestId(page, 'check-answer', { within: q });
  await press(page, 'Enter');
  assert.match(await page.textContent(`${q} ${tid('feedback')}`), /Not quite/);
  await tabToTestId(page, 'show-hint', { within: q });
  await press(page, 'Enter');
  assert.ok(await page.isVisible(`${q} ${tid('hint')}`));
  // Back to the choices with Shift+Tab; the arrow keys move within the radio group.
  await tabToTestId(page, 'option-0', { within: q, key: 'Shift+Tab' });
  await press(page, 'ArrowDown', 'ArrowDown');
  assert.equal(await page.isChecked(`${q} ${tid('option-2')}`), true, 'arrows pick option C');
  await tabToTestId(page, 'check-answer', { within: q });
  await press(page, 'Enter');
  assert.equal(await page.textContent(`${q} ${tid('feedback')}`), 'Correct!');
  await tabToTestId(page, 'show-solution', { within: q });
  await press(page, 'Enter');
  await tabToTestId(page, 'next-step', { within: q });
  await press(page, 'Enter');
  await tabToTestId(page, 'next-question', { within: q });
  await press(page, 'Enter');
  await page.waitForFunction(() => /Question 2 of/.test(document.activeElement?.textContent ?? ''));
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: the timed challenge started, answered and finished', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'quiz');
  // The tab list: Tab to the selected tab, then the arrow keys.
  await tabToTestId(page, 'tab-practice');
  for (let i = 0; i < 5 && (await focused(page)) !== 'tab-challenge'; i++) await press(page, 'ArrowRight');
  assert.equal(await focused(page), 'tab-challenge', 'the arrow keys reach the challenge tab');
  await press(page, 'Enter');
  await tabToTestId(page, 'start-challenge');
  await press(page, 'Enter');
  await page.waitForSelector(problem(0));
  for (const i of [0, 1, 2, 3, 4]) {
    const card = problem(i);
    if (i === 2) {
      // The ordering problem: 1,2,3,4 into 3,2,1,4 with the move buttons.
      await tabToTestId(page, 'move-up-3', { within: card });
      await press(page, 'Enter');
      await page.waitForFunction((c) => document.activeElement?.closest(c) !== null, card);
      await tabToTestId(page, 'move-up-3', { within: card, key: 'Shift+Tab' }).catch(() => tabToTestId(page, 'move-up-3', { within: card }));
      await press(page, 'Enter');
      await tabToTestId(page, 'move-down-1', { within: card });
      await press(page, 'Enter');
      await page.waitForFunction((c) => [...document.querySelectorAll(`${c} [data-step]`)].map((e) => e.dataset.step).join() === '3,2,1,4', card);
    } else {
      await tabToTestId(page, 'option-0', { within: card });
      await press(page, 'Space');
      for (let k = 0; k < RIGHT[i]; k++) await press(page, 'ArrowDown');
      // The page redraws the group from its state after the key, so wait for the right option.
      const right = `${card} ${tid(`option-${RIGHT[i]}`)}`;
      await page.waitForFunction((sel) => document.querySelector(sel)?.checked === true, right, { timeout: 5000 }).catch(() => {});
      assert.equal(await page.isChecked(right), true);
    }
    await tabToTestId(page, 'check-answer', { within: card });
    await press(page, 'Enter');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Correct!', `${card} ${tid('feedback')}`);
    await tabToTestId(page, 'next-problem', { within: card });
    await press(page, 'Enter');
  }
  await page.waitForSelector(tid('result-badge'));
  assert.match(await page.textContent(tid('result-score')), /5 of 5 right/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: lab preset chosen, played, paused, strategy changed', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'lab');
  await page.waitForSelector(tid('node'), { timeout: 30000 });
  await tabToTestId(page, 'lab-preset');
  const before = await page.inputValue(tid('lab-preset'));
  await press(page, 'ArrowDown');
  await page.waitForFunction((b) => new URL(location.href).searchParams.get('scenario') !== b, before);
  await tabToTestId(page, 'lab-play');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-play"]').textContent === 'Pause');
  await press(page, 'Space');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-play"]').textContent === 'Play');
  await tabToTestId(page, 'lab-strategy');
  const strategy = await page.inputValue(tid('lab-strategy'));
  await press(page, 'ArrowDown');
  await page.waitForFunction((s) => document.querySelector('[data-testid="lab-strategy"]').value !== s, strategy);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('strategy') !== 'scenario');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: terminal command typed, a mission opened, a hint revealed', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'kubectl');
  await page.waitForSelector('#kubectl-input', { timeout: 20000 });
  await tabUntil(page, (el) => el.id === 'kubectl-input');
  await page.keyboard.type('kubectl get nodes');
  await press(page, 'Enter');
  await page.waitForFunction(() => /STATUS/.test(document.querySelector('.term-screen').innerText));
  // The missions come after the terminal or before it; look both ways.
  const isMission = (el) => el.classList.contains('term-mission-link') && !el.getAttribute('aria-current');
  if (!(await tabUntil(page, isMission, { max: 40 }))) assert.ok(await tabUntil(page, isMission, { key: 'Shift+Tab' }), 'a mission button');
  await press(page, 'Enter');
  await page.waitForSelector('#term-mission-title');
  const hint = (el) => /Show a hint/.test(el.textContent);
  if (!(await tabUntil(page, hint, { max: 40 }))) assert.ok(await tabUntil(page, hint, { key: 'Shift+Tab' }), 'the hint button');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('.term-hints li').length === 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: exercise code typed, run, checked; Esc then Tab leaves the editor', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'exercise');
  await page.waitForSelector(tid('editor'), { timeout: 20000 });
  await tabToTestId(page, 'editor');
  await press(page, 'Control+End');
  await page.keyboard.type("\nsystems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}\n");
  await press(page, 'Escape');
  await tabToTestId(page, 'run');
  await press(page, 'Enter');
  await tabToTestId(page, 'check');
  await press(page, 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="progress"]')?.textContent === '1 / 4 steps');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: the guide, every section reached by Tab or, for reading-only ones, PageDown', async () => {
  const { context, page, errors } = await openPage(browser);
  await open(page, 'guide');
  const sections = await page.$$eval('main section[aria-labelledby]', (ss) => ss.map((s) => s.getAttribute('aria-labelledby')));
  const reached = new Set();
  // Sections with nothing to operate (text and tables) are read by scrolling with the keyboard.
  for (let i = 0; i < 60; i++) {
    const seen = await page.evaluate(() => [...document.querySelectorAll('main section[aria-labelledby]')]
      .filter((s) => { const r = s.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })
      .map((s) => s.getAttribute('aria-labelledby')));
    seen.forEach((s) => reached.add(s));
    if (await page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 1)) break;
    await press(page, 'PageDown');
    // PageDown scrolls smoothly: let it settle before looking again.
    await page.waitForFunction(() => new Promise((resolve) => {
      const y = scrollY;
      setTimeout(() => resolve(scrollY === y), 80);
    }), null, { polling: 100, timeout: 5000 });
  }
  assert.deepEqual(sections.filter((s) => !reached.has(s)), [], 'every section scrolled to with PageDown');
  // Sections with controls: Tab reaches each of them.
  const operable = await page.$$eval('main section[aria-labelledby]', (ss) => ss
    .filter((s) => s.querySelector('a[href], button, input, select, textarea, [tabindex="0"]'))
    .map((s) => s.getAttribute('aria-labelledby')));
  reached.clear();
  await press(page, 'Home');
  for (let i = 0; i < 400; i++) {
    await press(page, 'Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return el.closest('main section[aria-labelledby]')?.getAttribute('aria-labelledby') ?? '';
    });
    if (where === null) break;
    if (where) reached.add(where);
  }
  assert.deepEqual(operable.filter((s) => !reached.has(s)), [], 'Tab reaches every section with controls');
  assert.ok(operable.length >= 4 && sections.length >= 5, `the guide's sections (${sections.length})`);
  assert.deepEqual(errors, []);
  await context.close();
});
