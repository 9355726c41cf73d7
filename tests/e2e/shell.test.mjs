// End-to-end journeys through the app shell on the release build: every mode renders, deep
// links survive a reload (also under a sub-path), the console stays clean, axe-core finds no
// violation of any impact, a crash shows a notice, and the mode switcher works with the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot, modes } from './lib/browser.mjs';

const DIST = process.env.DIST;
const DIST_SUBPATH = process.env.DIST_SUBPATH;
let browser, site, subSite;

before(async () => {
  assert.ok(DIST, 'DIST names the release build folder (cargo xtask test sets it)');
  browser = await launch();
  site = await serveStatic(DIST, '/');
  if (DIST_SUBPATH) subSite = await serveStatic(DIST_SUBPATH, '/course/scaling/');
});

after(async () => {
  await browser?.close();
  await site?.close();
  await subSite?.close();
});

const MODES = modes();

test('the course has seven learning modes', () => {
  assert.equal(MODES.length, 7);
});

for (const mode of MODES) {
  const label = mode.slug || 'overview';
  test(`deep link to ${label} renders its heading with a clean console`, async () => {
    const { context, page, errors } = await openPage(browser);
    const response = await page.goto(site.base + mode.slug);
    assert.equal(response.status(), 200, 'a static copy answers the deep link');
    await waitForApp(page);
    assert.equal(await page.textContent('[data-testid="page-heading"]'), mode.title);
    const current = await page.getAttribute(`[data-testid="mode-link-${label}"]`, 'aria-current');
    assert.equal(current, 'page', 'the mode switcher marks the current mode');
    assert.match(await page.title(), new RegExp(mode.title));
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.textContent('[data-testid="page-heading"]'), mode.title, 'still there after a reload');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`axe-core finds no violation of any impact on ${label}`, async () => {
    const { context, page } = await openPage(browser);
    await page.goto(site.base + mode.slug);
    await waitForApp(page);
    assert.deepEqual(await axeViolations(page), []);
    const dark = await openPage(browser, { colorScheme: 'dark' });
    await dark.page.goto(site.base + mode.slug);
    await waitForApp(dark.page);
    assert.deepEqual(await axeViolations(dark.page), [], 'dark mode too');
    await dark.context.close();
    await context.close();
  });

  test(`screenshots of ${label} at phone and desktop width (review artefacts)`, async () => {
    for (const [name, width] of [['phone', 360], ['desktop', 1280]]) {
      const { context, page, errors } = await openPage(browser, { width, height: 800 });
      await page.goto(site.base + mode.slug);
      await waitForApp(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (overflow ${overflow}px)`);
      await screenshot(page, `${label}-${name}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}

test('the mode switcher navigates between every mode without a page load', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  for (const mode of MODES) {
    const label = mode.slug || 'overview';
    await page.click(`[data-testid="mode-link-${label}"]`);
    await page.waitForFunction((t) => document.querySelector('[data-testid="page-heading"]')?.textContent === t, mode.title);
    assert.equal(new URL(page.url()).pathname, '/' + mode.slug);
  }
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'client-side navigation, no reload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: skip link, then Tab to a mode and Enter opens it', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.dataset.testid === 'mode-link-lab');
  }
  assert.ok(reached, 'Tab reaches the Cluster lab link');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-heading"]')?.textContent === 'Cluster lab');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown address shows the not-found page, with links back', async () => {
  const { context, page } = await openPage(browser);
  const response = await page.goto(site.base + 'no-such-mode');
  assert.equal(response.status(), 404, 'the host answers 404.html');
  await waitForApp(page);
  assert.equal(await page.textContent('[data-testid="page-heading"]'), 'Page not found');
  await page.click('[data-testid="mode-link-quiz"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-heading"]')?.textContent === 'Quiz');
  await context.close();
});

test('a panic shows the crash notice instead of a frozen blank page', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base + 'lab?simulate-panic=1');
  await page.waitForSelector('#crash:not([hidden])', { timeout: 20000 });
  assert.match(await page.textContent('#crash'), /Something went wrong/);
  assert.ok(errors.some((e) => e.includes('simulated panic')), 'the panic is logged to the console');
  await context.close();
});

test('the sub-path build works at /course/scaling/, deep links and reloads included', async (t) => {
  if (!subSite) return t.skip('DIST_SUBPATH not set');
  const { context, page, errors } = await openPage(browser);
  for (const mode of MODES) {
    const response = await page.goto(subSite.base + mode.slug);
    assert.equal(response.status(), 200);
    await waitForApp(page);
    assert.equal(await page.textContent('[data-testid="page-heading"]'), mode.title);
  }
  await page.goto(subSite.base + 'quiz');
  await waitForApp(page);
  await page.click('[data-testid="mode-link-guide"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-heading"]')?.textContent === 'Kubernetes guide');
  assert.equal(new URL(page.url()).pathname, '/course/scaling/guide');
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.textContent('[data-testid="page-heading"]'), 'Kubernetes guide');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a strict Content-Security-Policy is set and nothing violates it, bundles included', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(site.base);
  await waitForApp(page);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  // Load both bundles: the overview's in-place terminal, then the exercise page.
  await page.locator('[data-testid^="command-"]').first().getByRole('button', { name: /Run it here/ }).click();
  await page.waitForSelector('.term-screen');
  await page.click('[data-testid="mode-link-exercise"]');
  await page.waitForSelector('.bundle-host *', { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one visit the course works offline, bundles included (service worker)', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('mlops-scaling-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const needed of ['/', '/index.html', '/cluster.js', '/cluster_bg.wasm', '/python_bg.wasm', '/lab/index.html']) {
    assert.ok(cached.includes(needed), `${needed} is cached (${cached.length} entries)`);
  }
  await context.setOffline(true);
  await page.goto(site.base + 'kubectl');
  await waitForApp(page);
  await page.waitForSelector('#kubectl-input', { timeout: 20000 });
  await page.fill('#kubectl-input', 'kubectl get nodes');
  await page.press('#kubectl-input', 'Enter');
  await page.waitForFunction(() => /STATUS/.test(document.querySelector('.term-screen').innerText));
  await page.click('[data-testid="mode-link-quiz"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="page-heading"]')?.textContent === 'Quiz');
  assert.deepEqual(errors, []);
  await context.close();
});
