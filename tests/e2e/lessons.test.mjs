// End-to-end journeys through the three reading pages on the release build: the decision flow
// stepped to each of its three outcomes (one of them by keyboard only), the overview's and the
// guide's links, the guide's field notes and copy button, axe-core clean in every state
// (light and dark), no horizontal scrolling at 360 px, and screenshots for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

const attr = (page, testid, name) => page.getAttribute(`[data-testid="${testid}"]`, name);
const text = (page, testid) => page.textContent(`[data-testid="${testid}"]`);
const nodeState = (page, id) => attr(page, `flow-node-${id}`, 'data-state');
const currentNode = (page) => page.evaluate(() =>
  document.querySelector('[data-testid^="flow-node-"][data-state="current"]')?.dataset.testid.replace('flow-node-', ''));

async function openFlow(options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(site.base + 'flow');
  await waitForApp(opened.page);
  await opened.page.waitForSelector('[data-testid="flow-chart"]');
  return opened;
}

/** Clicks Next until the walk is at its end; returns the nodes passed, in order. */
async function clickToEnd(page) {
  const path = [await currentNode(page)];
  while (!(await page.isDisabled('[data-testid="flow-next"]'))) {
    await page.click('[data-testid="flow-next"]');
    path.push(await currentNode(page));
  }
  return path;
}

test('flow: the small-data path, clicking Next, ends at the small model and links its lab preset', async () => {
  const { context, page, errors } = await openFlow();
  await page.click('[data-testid="preset-small-model"]');
  assert.equal(await text(page, 'flow-position'), 'Step 1 of 6');
  assert.equal(await currentNode(page), 'start');
  assert.equal(await attr(page, 'flow-back', 'disabled'), '', 'Back is disabled at the start');
  const path = await clickToEnd(page);
  assert.deepEqual(path, ['start', 'evaluate', 'need-to-scale', 'continue-small', 'monitor', 'end']);
  assert.equal(await nodeState(page, 'continue-small'), 'visited');
  assert.equal(await nodeState(page, 'choose-strategy'), 'idle', 'the other branch stays unlit');
  assert.equal(await attr(page, 'flow-outcome', 'data-outcome'), 'small-model');
  assert.equal(await attr(page, 'flow-outcome-lab', 'href'), '/lab?scenario=small-model-one-node');
  const rows = await page.$$eval('[data-testid^="process-row-"]', (rs) => rs.map((r) => r.dataset.testid));
  assert.deepEqual(rows, ['process-row-1', 'process-row-5']);
  const columns = await page.$$eval('[data-testid="status-tracker"] thead th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(columns, ['Variable', 'Start', 'After step 1', 'Final']);
  await screenshot(page, 'flow-outcome-small-desktop');
  assert.deepEqual(errors, []);
  await context.close();
});

test('flow: keyboard only, the cluster cannot add nodes, ends in vertical scaling', async () => {
  const { context, page, errors } = await openFlow();
  // Tab from the top of the page to the "cluster cannot add nodes" example.
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset.testid === 'preset-vertical');
  }
  assert.ok(reached, 'Tab reaches the example buttons');
  await page.keyboard.press('Enter');
  assert.equal(await page.isChecked('[data-testid="input-resource-limit"]'), true);
  const seen = [await currentNode(page)];
  const narrations = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('ArrowRight');
    seen.push(await currentNode(page));
    narrations.push(await text(page, 'flow-narration'));
  }
  assert.deepEqual(seen, ['start', 'evaluate', 'need-to-scale', 'choose-strategy', 'vertical', 'adjust-resources', 'monitor', 'end']);
  assert.match(narrations[1], /250 < 100 is False, so Yes/);
  assert.equal(await attr(page, 'flow-outcome', 'data-outcome'), 'vertical');
  assert.equal(await attr(page, 'flow-outcome-lab', 'href'), '/lab?scenario=vertical-node-ceiling');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await currentNode(page), 'monitor', 'ArrowLeft steps back');
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="key-moment-3"]').open), true,
    'the key moment about monitoring opens at the monitoring step');
  assert.equal(await attr(page, 'code-line-5', 'aria-current'), null);
  await page.keyboard.press('Home');
  assert.equal(await currentNode(page), 'start', 'Home restarts');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await currentNode(page), 'vertical');
  assert.equal(await attr(page, 'code-line-5', 'aria-current'), 'true', 'line 5, scale_vertically(), is lit');
  await page.keyboard.press('End');
  assert.equal(await currentNode(page), 'end', 'End jumps to the end');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus stays visible');
  assert.deepEqual(errors, []);
  await context.close();
});

test('flow: a big data size on a cluster that can grow scales horizontally (slider by keyboard)', async () => {
  const { context, page, errors } = await openFlow();
  await page.click('[data-testid="preset-small-model"]');
  await page.focus('[data-testid="input-data-size"]');
  await page.keyboard.press('End');
  assert.equal(await page.inputValue('[data-testid="input-data-size"]'), '500');
  // Arrow keys in the slider move the slider, not the walk.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.inputValue('[data-testid="input-data-size"]'), '490');
  assert.equal(await text(page, 'flow-position'), 'Step 1 of 8', 'new inputs, new run, back at the start');
  const path = await clickToEnd(page);
  assert.deepEqual(path, ['start', 'evaluate', 'need-to-scale', 'choose-strategy', 'horizontal', 'adjust-resources', 'monitor', 'end']);
  assert.equal(await attr(page, 'flow-outcome', 'data-outcome'), 'horizontal');
  assert.equal(await attr(page, 'flow-outcome-lab', 'href'), '/lab?scenario=hpa-cluster-autoscaler');
  assert.equal(await attr(page, 'flow-edge-choose-strategy-horizontal', 'class'), 'flow-edge is-taken');
  assert.equal(await attr(page, 'flow-edge-choose-strategy-vertical', 'class'), 'flow-edge');
  const metricLinks = await page.$$eval('[data-testid="flow-metrics"] a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(metricLinks.includes('/lab?scenario=hpa-custom-metric'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('flow: axe-core finds no violation at the start, mid-walk and at an outcome (light and dark)', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await openFlow({ colorScheme });
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: start`);
    for (let i = 0; i < 4; i++) await page.click('[data-testid="flow-next"]');
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: mid-walk`);
    await page.click('[data-testid="flow-next"]');
    await page.click('[data-testid="flow-next"]');
    await page.click('[data-testid="flow-next"]');
    await page.waitForSelector('[data-testid="flow-outcome"]');
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}: at the outcome`);
    await context.close();
  }
});

test('overview: commands link to the sandbox, mistakes to their lab presets', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  assert.equal(await page.$$eval('[data-testid="situations"] > li', (l) => l.length), 5);
  const tryLinks = await page.$$eval('[data-testid^="command-"] a', (as) => as.map((a) => a.getAttribute('href')));
  assert.equal(tryLinks.length, 4);
  assert.equal(tryLinks[0], '/kubectl?command=kubectl%20scale%20deployment%20my-ml-model%20--replicas%3D3');
  const mistakeLinks = await page.$$eval('[data-testid^="mistake-"] a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(mistakeLinks, [
    '/lab?scenario=quota-blocks-scale-out',
    '/lab?scenario=threshold-too-high',
    '/lab?scenario=threshold-too-low',
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('guide: focusing an annotated line explains it; Copy reports the result; links are right', async () => {
  const { context, page, errors } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await page.goto(site.base + 'guide');
  await waitForApp(page);
  const note = '[data-testid="manifest-note-deployment"]';
  assert.match(await page.textContent(note), /Hover, focus or press/);
  await page.focus('[data-testid="annotated-line-deployment-20"]');
  assert.match(await page.textContent(note), /500 millicores/);
  assert.match(await page.textContent(note), /requests\.cpu \(line 20\)/);
  await page.hover('[data-testid="annotated-line-deployment-24"]');
  assert.match(await page.textContent(note), /OOMKilled/);
  await page.click('[data-testid="manifest-hpa"] [data-testid="copy-button"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="manifest-hpa"] [data-testid="copy-status"]').textContent !== '');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /kind: HorizontalPodAutoscaler/);
  const sandbox = await page.$$eval('[data-testid^="manifest-"] a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(sandbox.includes('/kubectl?manifest=deployment'));
  const fails = await page.$$eval('[data-testid="see-it-fail"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(fails, [
    '/lab?scenario=no-requests-limits',
    '/lab?scenario=hpa-custom-metric',
    '/lab?scenario=max-replicas-too-low',
    '/lab?scenario=no-readiness-probe',
  ]);
  await page.click('[data-testid="pitfall-no-readiness-probe"] summary');
  assert.ok(await page.isVisible('[data-testid="pitfall-no-readiness-probe"] pre'), 'Fix it opens the fix');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [label, slug] of [['overview', ''], ['guide', 'guide']]) {
  test(`${label}: axe-core clean (light and dark) with notes open`, async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await openPage(browser, { colorScheme });
      await page.goto(site.base + slug);
      await waitForApp(page);
      if (slug === 'guide') {
        await page.focus('[data-testid="annotated-line-deployment-20"]');
        await page.click('[data-testid="pitfall-cpu-only-metric"] summary');
      }
      assert.deepEqual(await axeViolations(page), [], colorScheme);
      await context.close();
    }
  });
}

test('screenshots at phone and desktop width, no horizontal scrolling (review artefacts)', async () => {
  for (const [name, width] of [['phone', 360], ['desktop', 1280]]) {
    for (const [label, slug] of [['overview', ''], ['guide', 'guide'], ['flow', 'flow']]) {
      const { context, page, errors } = await openPage(browser, { width, height: 800 });
      await page.goto(site.base + slug);
      await waitForApp(page);
      if (slug === 'flow') {
        for (let i = 0; i < 3; i++) await page.click('[data-testid="flow-next"]');
      }
      if (slug === 'guide') await page.focus('[data-testid="annotated-line-deployment-20"]');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${label}: no horizontal scrolling at ${width}px (overflow ${overflow}px)`);
      await screenshot(page, `lessons-${label}-${name}`);
      if (slug === 'flow') {
        await page.click('[data-testid="preset-vertical"]');
        await page.focus('[data-testid="flow-next"]');
        await page.keyboard.press('End');
        await page.waitForSelector('[data-testid="flow-outcome"]');
        await screenshot(page, `lessons-flow-outcome-${name}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});
