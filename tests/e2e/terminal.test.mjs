// End-to-end journeys through the kubectl terminal on the release build: commands from a link,
// typing, Tab completion, history, errors; a mission completed and remembered after a reload;
// a guide manifest opened as a file and applied; the overview's "Run it here" terminals sharing
// one cluster; corrupt saved progress; keyboard, axe-core (light and dark), phone width, and
// screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, axeViolations, screenshot } from './lib/browser.mjs';
import { tabUntil } from './lib/a11y.mjs';

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

const INPUT = '#kubectl-input';

async function openTerminal(page, query = '') {
  await page.goto(site.base + 'kubectl' + query);
  await waitForApp(page);
  await page.waitForSelector(INPUT);
}

/** Types a line at the prompt and presses Enter; returns the screen's text afterwards. */
async function type(page, line, input = INPUT) {
  await page.fill(input, line);
  await page.press(input, 'Enter');
  return page.locator('.term-screen').last().innerText();
}

test('a link runs its command, and typed commands drive the cluster', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTerminal(page, '?command=' + encodeURIComponent('kubectl get pods -l app=my-ml-model'));
  let screen = await page.locator('.term-screen').innerText();
  assert.match(screen, /\$ kubectl get pods -l app=my-ml-model/);
  assert.match(screen, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  assert.equal((screen.match(/my-ml-model-\S+\s+1\/1\s+Running/g) || []).length, 2, 'two pods running at start');

  screen = await type(page, 'kubectl scale deployment my-ml-model --replicas=3');
  assert.match(screen, /deployment\.apps\/my-ml-model scaled/);
  screen = await type(page, 'kubectl get pods');
  assert.equal((screen.match(/^my-ml-model-/gm) || []).length, 2 + 3, 'the second listing shows three pods');

  // Errors read like kubectl's.
  screen = await type(page, 'kubectl scale deployment ml-model --replicas=3');
  assert.match(screen, /Error from server \(NotFound\): deployments\.apps "ml-model" not found/);
  screen = await type(page, 'kubectl scale deployment my-ml-model --replica=3');
  assert.match(screen, /error: unknown flag: --replica/);
  assert.ok(await page.locator('.term-err').count() >= 2, 'errors are marked as stderr');

  // Tab completes, Up recalls.
  await page.fill(INPUT, 'kubectl get dep');
  await page.press(INPUT, 'Tab');
  assert.equal(await page.inputValue(INPUT), 'kubectl get deployments ');
  await page.fill(INPUT, '');
  await page.press(INPUT, 'ArrowUp');
  assert.equal(await page.inputValue(INPUT), 'kubectl scale deployment my-ml-model --replica=3');

  // wait advances the simulated clock; the new pod becomes Ready.
  await type(page, 'wait 60s');
  screen = await type(page, 'kubectl get deployment my-ml-model');
  assert.match(screen, /my-ml-model\s+3\/3\s+3\s+3/);
  assert.match(await page.locator('.term-status').innerText(), /3\/3 pods ready/);

  // clear empties the screen.
  await type(page, 'clear');
  assert.equal((await page.locator('.term-screen').innerText()).trim(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a mission is checked against the cluster and remembered after a reload', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTerminal(page, '?mission=01-scale-to-three');
  assert.match(await page.locator('#term-mission-title').innerText(), /Three copies of the model/);
  assert.equal(await page.locator('.term-checks li.term-met').count(), 0);
  // Hints come one at a time.
  await page.getByRole('button', { name: /Show a hint \(0 of 3 shown\)/ }).click();
  assert.equal(await page.locator('.term-hints li').count(), 1);

  await type(page, 'kubectl scale deployment my-ml-model --replicas=3');
  await type(page, 'wait 60s');
  await page.waitForSelector('.term-done:not([hidden])');
  assert.equal(await page.locator('.term-checks li.term-met').count(), 2);
  assert.match(await page.locator('.term-done').innerText(), /at or under par/);
  assert.match(page.url(), /mission=01-scale-to-three/, 'the open mission is in the URL');
  await screenshot(page, 'kubectl-mission-done-1280');

  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(INPUT);
  assert.match(await page.locator('.term-missions-head').innerText(), /1 of 7 done/);
  assert.match(await page.locator('.term-missions').innerText(), /✓/);

  // "Next mission" is the way on; the free sandbox is one click away.
  await type(page, 'kubectl scale deployment my-ml-model --replicas=3');
  await type(page, 'wait 60s');
  await page.getByRole('button', { name: 'Next mission' }).click();
  await page.waitForFunction(() => document.querySelector('#term-mission-title')?.textContent.includes('react'));
  assert.match(page.url(), /mission=02-/);
  await page.getByRole('button', { name: 'Free sandbox' }).click();
  await page.waitForSelector('.term-card h2:text("Free sandbox")');
  assert.doesNotMatch(page.url(), /mission=/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('corrupt saved progress and files are ignored, never fatal', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await page.evaluate(() => {
    localStorage.setItem('mlops-scaling.kubectl.missions', '{not json');
    localStorage.setItem('mlops-scaling.kubectl.files', '[1,2');
  });
  await openTerminal(page);
  assert.match(await page.locator('.term-missions-head').innerText(), /0 of 7 done/);
  assert.match(await type(page, 'kubectl get nodes'), /STATUS/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a guide manifest opens as a file, ready to apply; broken YAML gets a clear error', async () => {
  const { context, page, errors } = await openPage(browser);
  await openTerminal(page, '?manifest=hpa');
  assert.equal(await page.inputValue(INPUT), 'kubectl apply -f hpa.yaml');
  assert.match(await page.inputValue('#term-file-text'), /kind: HorizontalPodAutoscaler/);
  let screen = await type(page, 'kubectl apply -f hpa.yaml');
  assert.match(screen, /horizontalpodautoscaler\.autoscaling\/\S+ created/);

  // Edit the file into invalid YAML: an error naming the line, no crash.
  await page.fill('#term-file-text', 'apiVersion: v1\nkind: [\n');
  await page.getByRole('button', { name: 'Save' }).click();
  screen = await type(page, 'kubectl apply -f hpa.yaml');
  assert.match(screen, /error: .*line \d+/i);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the overview runs its commands in place, on one shared live cluster', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base);
  await waitForApp(page);
  const cards = page.locator('[data-testid^="command-"]');
  assert.equal(await cards.count(), 4);
  await cards.nth(0).getByRole('button', { name: /Run it here/ }).click();
  await page.waitForSelector('#mini-scale-replicas-input');
  await page.waitForFunction(() => document.activeElement?.id === 'mini-scale-replicas-input');
  assert.match(await cards.nth(0).locator('.term-screen').innerText(), /deployment\.apps\/my-ml-model scaled/);
  await cards.nth(1).getByRole('button', { name: /Run it here/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.term-screen').length === 2
    && /NAME\s+READY/.test(document.querySelectorAll('.term-screen')[1].innerText));
  const listing = await cards.nth(1).locator('.term-screen').innerText();
  assert.equal((listing.match(/^my-ml-model-/gm) || []).length, 3, 'the scale from the first card shows in the second');
  // Pressing again runs again; the card keeps one terminal.
  await cards.nth(0).getByRole('button', { name: /Run it again/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.term-screen').length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: Tab on an empty prompt leaves the terminal', async () => {
  const { context, page } = await openPage(browser);
  await openTerminal(page);
  assert.ok(await tabUntil(page, (el) => el.id === 'kubectl-input'), 'Tab reaches the prompt');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(next, 'Run', 'focus moved on to the Run button');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('kubectl get nodes');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /STATUS/.test(document.querySelector('.term-screen').innerText));
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core finds no violation of any impact on the terminal (${colorScheme})`, async () => {
    const { context, page } = await openPage(browser, { colorScheme });
    await openTerminal(page, '?mission=03-unknown-targets');
    await type(page, 'kubectl get hpa');
    await type(page, 'kubectl scale deployment nope --replicas=1');
    await page.getByRole('button', { name: /Show a hint/ }).click();
    await page.locator('.term-file-link').first().click();
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await context.close();
  });
}

test('phone width: no horizontal scroll; screenshots at 360 and 1280 px', async () => {
  for (const width of [360, 1280]) {
    const { context, page, errors } = await openPage(browser, { width });
    await openTerminal(page, '?command=' + encodeURIComponent('kubectl get pods -o wide'));
    await type(page, 'kubectl autoscale deployment my-ml-model --min=2 --max=5 --cpu-percent=50');
    await type(page, 'wait 30s');
    await type(page, 'kubectl get hpa my-ml-model');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at ${width} px (overflow ${overflow})`);
    await screenshot(page, `kubectl-sandbox-${width}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
