// Learner text stays text (issue 9): markup typed into the kubectl terminal, a file name, a
// file's YAML, the exercise editor and its program's output is shown literally; no element is
// created from it and no handler runs. Pairs with the static check in `cargo xtask test`
// (crates/xtask/src/hardening.rs), which forbids HTML sinks in src/ and the bundles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp } from './lib/browser.mjs';

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

const HOSTILE = '<img src=x onerror="window.__xss=1"><b id="xss-b">bold</b><script>window.__xss=2</script>';

/** No element made from the hostile text exists, and none of its handlers ran. */
async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    imgs: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
    bold: document.querySelectorAll('#xss-b').length
      + [...document.querySelectorAll('b')].filter((b) => b.textContent.includes('xss-file')).length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__xss')).length,
    xss: window.__xss ?? null,
  }));
  assert.deepEqual(found, { imgs: 0, bold: 0, scripts: 0, xss: null }, `${where}: learner text became HTML`);
}

test('the terminal shows typed markup, file names and file contents as text', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base + 'kubectl');
  await waitForApp(page);
  await page.waitForSelector('#kubectl-input');
  const run = async (line) => {
    await page.fill('#kubectl-input', line);
    await page.press('#kubectl-input', 'Enter');
  };
  // A command line, an unknown resource name, a file name the shell cannot find.
  await run(HOSTILE);
  await run(`kubectl get pods '${HOSTILE}'`);
  await run(`kubectl apply -f '${HOSTILE}.yaml'`);
  await page.waitForFunction(() => document.querySelectorAll('.term-out').length >= 3);
  const screen = await page.locator('.term-screen').last().innerText();
  assert.ok(screen.includes('<img src=x onerror='), 'the markup is shown literally');
  await assertInert(page, 'terminal');

  // A file name with markup (file names may hold anything but spaces and slashes), markup in
  // its YAML, applied, listed, and listed again after a reload.
  const NAME = '<b>xss-file.yaml';
  await page.fill('#term-new-file', NAME);
  await page.press('#term-new-file', 'Enter');
  await page.waitForSelector('#term-file-text');
  await page.fill('#term-file-text', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "${HOSTILE.replaceAll('"', "'")}"\n`);
  await page.getByRole('button', { name: 'Save' }).click();
  await run(`kubectl apply -f '${NAME}'`);
  await page.waitForFunction(() => document.querySelectorAll('.term-out').length >= 4);
  assert.ok((await page.locator('.term-files').innerText()).includes(NAME), 'the file is listed by its literal name');
  await assertInert(page, 'terminal file');
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector('#kubectl-input');
  assert.ok((await page.locator('.term-files').innerText()).includes(NAME), 'the saved file is listed by its literal name');
  await assertInert(page, 'terminal files after reload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the exercise editor and its output show markup as text', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(site.base + 'exercise');
  await waitForApp(page);
  const editor = '[data-testid="editor"]';
  await page.waitForSelector(editor, { timeout: 20000 });
  // A syntax error quotes the learner's line back.
  await page.fill(editor, `${HOSTILE}\n`);
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => /Error/.test(document.querySelector('[data-testid="output"]')?.textContent ?? ''));
  await assertInert(page, 'exercise syntax error');
  await page.fill(editor, `# ${HOSTILE}\nprint('${HOSTILE}')\n`);
  await page.click('[data-testid="run"]');
  await page.waitForFunction(() => /img src=x/.test(document.querySelector('[data-testid="output"]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-testid="output"]'), /<img src=x onerror="window.__xss=1">/);
  await page.click('[data-testid="check"]');
  await assertInert(page, 'exercise');
  // Saved and shown again after a reload: still text.
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector(editor, { timeout: 20000 });
  assert.match(await page.inputValue(editor), /<img src=x/);
  await assertInert(page, 'exercise after reload');
  assert.deepEqual(errors, []);
  await context.close();
});
