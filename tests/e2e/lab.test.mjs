// End-to-end journeys through the cluster lab on the release build: a preset played until the
// HPA scales out (charts, summary and event log say so), a parameter changed and the URL
// reproducing the run, bad links, keyboard only, axe in light and dark mode, 360 px without
// horizontal scrolling, a requestAnimationFrame probe that prints the p95 frame time with
// 20 nodes and 200 pods, and screenshots of every preset at a fixed tick (review artefacts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot, projectRoot } from './lib/browser.mjs';
import { tabUntil } from './lib/a11y.mjs';
import { openLab2020, frameTimes } from './lib/lab-probe.mjs';

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

async function openLab(page, query) {
  await page.goto(site.base + 'lab' + (query ? `?${query}` : ''));
  await waitForApp(page);
  await page.waitForSelector(tid('node'), { timeout: 30000 });
}

/** Seconds on the lab's clock (`m:ss / m:ss`). */
async function clock(page) {
  const text = await page.textContent(tid('lab-clock'));
  const [m, s] = text.split('/')[0].trim().split(':').map(Number);
  return m * 60 + s;
}

async function text(page, id) {
  return (await page.textContent(tid(id))) ?? '';
}

async function noOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Pause if playing (the run also pauses by itself at the preset's end). */
async function pause(page) {
  if ((await text(page, 'lab-play')) === 'Pause') await page.click(tid('lab-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-play"]').textContent === 'Play');
}

function query(page) {
  return new URL(page.url()).searchParams;
}

test('a preset plays, the HPA scales out, and the URL reproduces a changed run', async () => {
  const { context, page, errors } = await openPage(browser);
  await openLab(page, 'scenario=hpa-50');
  assert.equal(await text(page, 'lab-title'), 'HPA at 50 % CPU');
  assert.match(await page.textContent('.lab-preset'), /Watch for/);
  // The URL carries the whole definition at once.
  assert.equal(query(page).get('seed'), '42');
  assert.equal(query(page).get('strategy'), 'scenario');
  assert.match(await text(page, 'chart-text-replicas'), /2 desired/);

  // Step once, then play as fast as possible until the spike has been answered.
  await page.click(tid('lab-step'));
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-clock"]').textContent.startsWith('0:01'));
  await page.selectOption(tid('lab-speed'), '60');
  await page.click(tid('lab-play'));
  await page.waitForFunction(() => {
    const [m] = document.querySelector('[data-testid="lab-clock"]').textContent.split(':');
    return Number(m) >= 8;
  }, null, { timeout: 60000 });
  await pause(page);
  const replicas = await text(page, 'chart-text-replicas');
  const desired = Number(/(\d+) desired/.exec(replicas)[1]);
  assert.ok(desired > 2, `replicas went up: ${replicas}`);
  assert.match(await text(page, 'lab-events'), /SuccessfulRescale/, 'the event log shows the HPA scaling');
  assert.match(await text(page, 'lab-events'), /New size: \d+/);
  assert.notEqual(await text(page, 'lab-live'), '', 'the live region told what happened');
  const pods = await page.$$eval(`${tid('nodes')} [data-pod]`, (els) => els.length);
  assert.ok(pods > 2, `more pods on the nodes: ${pods}`);
  // Pausing writes the time into the URL.
  const t = await clock(page);
  assert.equal(query(page).get('t'), String(t));

  // Change a parameter: a fixed number of replicas. The run starts again and the URL says so.
  await page.selectOption(tid('lab-strategy'), 'fixed');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('strategy')?.startsWith('fixed:'));
  await page.fill(tid('lab-replicas'), '4');
  await page.press(tid('lab-replicas'), 'Enter');
  await page.locator(tid('lab-replicas')).blur();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('strategy') === 'fixed:4');
  assert.equal(await clock(page), 0);
  await page.selectOption(tid('lab-speed'), '60');
  await page.click(tid('lab-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-clock"]').textContent.startsWith('0:3'), null, { timeout: 30000 });
  await pause(page);
  const url = page.url();
  assert.match(url, /strategy=fixed:4/);
  const here = {
    clock: await clock(page),
    replicas: await text(page, 'chart-text-replicas'),
    latency: await text(page, 'chart-text-latency'),
    pods: await page.$$eval('[data-pod]', (els) => els.map((e) => `${e.dataset.pod}:${e.dataset.state}`).join()),
  };
  assert.match(here.replicas, /4 desired/);

  // The link opens the same moment of the same run.
  const other = await openPage(browser);
  await openLab(other.page, url.split('?')[1]);
  await other.page.waitForFunction((c) => document.querySelector('[data-testid="lab-clock"]').textContent.startsWith(c), here.clock >= 60 ? `${Math.floor(here.clock / 60)}:` : '0:');
  const there = {
    clock: await clock(other.page),
    replicas: await text(other.page, 'chart-text-replicas'),
    latency: await text(other.page, 'chart-text-latency'),
    pods: await other.page.$$eval('[data-pod]', (els) => els.map((e) => `${e.dataset.pod}:${e.dataset.state}`).join()),
  };
  assert.deepEqual(there, here, 'the URL reproduces the run');
  assert.equal(await other.page.inputValue(tid('lab-replicas')), '4');
  await screenshot(page, 'lab-journey-desktop');
  assert.deepEqual([...errors, ...other.errors], [], 'console is clean');
  await other.context.close();
  await context.close();
});

test('side by side: the preset\'s strategies on the same load, with a summary table', async () => {
  const { context, page, errors } = await openPage(browser);
  await openLab(page, 'scenario=hpa-50&t=900');
  await page.check(tid('lab-compare-on'));
  await page.waitForFunction(() => new URL(location.href).searchParams.get('compare') === 'fixed:2,hpa:2-10@50,hpa:2-10@80');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="lab-summary"] tbody tr').length === 4);
  await page.click(tid('lab-step'));
  const rows = await page.$$eval(`${tid('lab-summary')} tbody tr`, (trs) => trs.map((tr) => tr.textContent));
  assert.match(rows[1], /^fixed:2/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad link gets a clear message and the default run, never a crash', async () => {
  const { context, page, errors } = await openPage(browser);
  await openLab(page, 'scenario=no-such-preset&seed=abc&strategy=warp:9&t=-1&colour=red');
  const msg = await text(page, 'lab-problems');
  assert.match(msg, /no preset "no-such-preset"/);
  assert.match(msg, /seed=abc/);
  assert.match(msg, /warp/);
  assert.match(msg, /colour/);
  assert.equal(query(page).get('strategy'), 'scenario');
  assert.ok(!query(page).has('colour'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: play and pause, change the speed, focus a Pending pod for its reason', async () => {
  const { context, page, errors } = await openPage(browser);
  await openLab(page, 'scenario=hpa-50&strategy=fixed:40&t=30');
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.dataset.testid === 'lab-play');
  }
  assert.ok(found, 'Tab reaches Play');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-play"]').textContent === 'Pause');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-play"]').textContent === 'Play');
  // A Pending pod takes focus (by Tab) and shows why it waits.
  assert.ok(await tabUntil(page, (el) => el.closest('[data-testid="pending-pods"]') !== null && el.tagName === 'LI'),
    'Tab reaches a Pending pod');
  const tip = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.match(tip, /Insufficient|nodes are available/);
  assert.ok(await page.isVisible(`${tid('pending-pods')} li:focus .lab-tip`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe in light and dark mode, no horizontal scrolling at 360 px, reduced motion', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await openPage(browser, { colorScheme });
    await openLab(page, 'scenario=quota-blocks-scale-out&t=900&compare=fixed:2,hpa');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="lab-summary"] tbody tr').length === 3);
    assert.deepEqual(await axeViolations(page), [], colorScheme);
    assert.deepEqual(errors, []);
    await context.close();
  }
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await openPage(browser, { width: 360, height: 800, colorScheme, reducedMotion: 'reduce' });
    await openLab(page, 'scenario=hpa-cluster-autoscaler&t=900&compare=fixed:2,hpa');
    assert.ok(await noOverflow(page) <= 0, `no horizontal scrolling at 360 px (${colorScheme})`);
    const anim = await page.$eval(`${tid('nodes')} .lab-pod`, (el) => getComputedStyle(el).animationName);
    assert.equal(anim, 'none', 'no animation with prefers-reduced-motion');
    await page.click(tid('lab-play'));
    await page.waitForTimeout(500);
    await pause(page);
    assert.ok(await noOverflow(page) <= 0, 'still none after playing');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('frame time at 1x with 20 nodes and 200 pods (printed, not asserted)', async () => {
  const { context, page, errors } = await openPage(browser);
  const { nodes, pods } = await openLab2020(page, site.base);
  for (const [speed, label] of [['1', '1x'], ['60', '60x'], ['0', 'as fast as possible']]) {
    const f = await frameTimes(context, page, speed);
    console.log(`lab frame time ${label}, ${nodes} nodes, ${pods} pods: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms over ${f.frames} frames; per frame: script ${f.script.toFixed(1)} ms, style ${f.style.toFixed(1)} ms, layout ${f.layout.toFixed(1)} ms, all tasks ${f.task.toFixed(1)} ms`);
  }
  assert.ok(nodes >= 20 && pods >= 200, `${nodes} nodes, ${pods} pods`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of every preset at a fixed tick, 360 and 1280 px (review artefacts)', async () => {
  const ids = fs.readdirSync(path.join(projectRoot, 'content/scenarios'))
    .filter((f) => f.endsWith('.toml')).map((f) => f.replace(/\.toml$/, '')).sort();
  for (const [name, width] of [['phone', 360], ['desktop', 1280]]) {
    const { context, page, errors } = await openPage(browser, { width, height: 900, reducedMotion: 'reduce' });
    for (const id of ids) {
      await openLab(page, `scenario=${id}&t=600`);
      assert.equal(await clock(page), 600, id);
      if (width === 360) assert.ok(await noOverflow(page) <= 0, `${id}: no horizontal scrolling at 360 px`);
      await screenshot(page, `lab-${id}-${name}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
