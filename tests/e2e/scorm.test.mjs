// The SCORM 1.2 package (`cargo xtask package-scorm`, crates/xtask/scorm-package.py) made from
// the release build: the zip's layout and manifest; inside a fake learning platform (a player
// page with the SCORM 1.2 `API` object and the course in an iframe, under a path the build never
// knew) the course initialises, reports the score and completion the app announces, and
// finishes with the session time; opened without a platform it runs as the plain site, deep
// links included, with a clean console (so the rewritten Content-Security-Policy holds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage, waitForApp, projectRoot } from './lib/browser.mjs';

const DIST = process.env.DIST;
const MOUNT = '/lms/content/course-1/';
let browser, site, work, pkg, zip;

before(async () => {
  assert.ok(DIST, 'DIST names the release build folder');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'scorm-'));
  pkg = path.join(work, 'package');
  zip = path.join(work, 'course.zip');
  execFileSync('python3', [path.join(projectRoot, 'crates/xtask/scorm-package.py'), DIST, pkg, zip], { stdio: 'pipe' });
  browser = await launch();
  site = await serveStatic(pkg, MOUNT);
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// A learning platform's player: the SCORM 1.2 API on the parent window, recording every call.
const PLAYER = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title></head><body>
<script>
  window.calls = [];
  window.cmi = { 'cmi.core.lesson_status': 'not attempted' };
  const record = (name, result) => (...args) => { window.calls.push([name, ...args]); return result(...args); };
  window.API = {
    LMSInitialize: record('LMSInitialize', () => 'true'),
    LMSFinish: record('LMSFinish', () => 'true'),
    LMSGetValue: record('LMSGetValue', (k) => window.cmi[k] ?? ''),
    LMSSetValue: record('LMSSetValue', (k, v) => { window.cmi[k] = v; return 'true'; }),
    LMSCommit: record('LMSCommit', () => 'true'),
    LMSGetLastError: () => '0', LMSGetErrorString: () => '', LMSGetDiagnostic: () => '',
  };
</script>
<iframe id="sco" title="The course" src="content/course-1/index.html" style="width:1200px;height:800px"></iframe>
</body></html>`;

test('the zip holds imsmanifest.xml at its root naming index.html as the SCO, and every file it lists', () => {
  const names = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip], { encoding: 'utf8' })
    .trim().split('\n');
  assert.equal(names[0], 'imsmanifest.xml');
  for (const required of ['index.html', 'scorm.js', 'lab/index.html', 'cluster.js', 'python_bg.wasm']) {
    assert.ok(names.includes(required), `${required} is in the package`);
  }
  assert.ok(!names.includes('404.html') && !names.some((n) => n.startsWith('public/screenshots/')), 'no static-host extras');
  const manifest = fs.readFileSync(path.join(pkg, 'imsmanifest.xml'), 'utf8');
  assert.match(manifest, /<schemaversion>1\.2<\/schemaversion>/);
  assert.match(manifest, /adlcp:scormtype="sco" href="index.html"/);
  const listed = [...manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1]);
  assert.deepEqual([...listed].sort(), names.filter((n) => n !== 'imsmanifest.xml').sort(), 'the manifest lists exactly the packaged files');
  const index = fs.readFileSync(path.join(pkg, 'index.html'), 'utf8');
  for (const absolute of ['href="/', 'src="/', "from '/", "module_or_path: '/"]) {
    assert.ok(!index.includes(absolute), `no root-absolute path (${absolute}) is left`);
  }
  assert.ok(index.includes('<base href="./" />') && fs.readFileSync(path.join(pkg, 'lab/index.html'), 'utf8').includes('<base href="../" />'));
});

test('inside a platform the course initialises, reports score and completion, and finishes with the session time', async () => {
  const { context, page, errors } = await openPage(browser);
  await context.route(`${site.origin}/lms/player.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: PLAYER }));
  await page.goto(`${site.origin}/lms/player.html`);
  const frame = page.frameLocator('#sco');
  await frame.locator('[data-testid="page-heading"]').waitFor({ timeout: 20000 });
  assert.equal(await frame.locator('[aria-current="page"]').first().getAttribute('href'), MOUNT, 'the launch file opens the overview');
  const cmi = () => page.evaluate(() => window.cmi);
  await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSInitialize'));
  assert.equal((await cmi())['cmi.core.lesson_status'], 'incomplete', 'a first launch is marked incomplete');
  // The app's own report at start (no progress yet): a score of 0, not completed.
  await page.waitForFunction(() => window.cmi['cmi.core.score.raw'] === '0');

  // The app's report after a save (its exact contract: ARCHITECTURE.md, "Progress").
  const sco = page.frames().find((f) => f.url().includes(MOUNT));
  const report = (detail) => sco.evaluate((d) => window.dispatchEvent(new CustomEvent('mlops-scaling:progress', { detail: d })), detail);
  await report(JSON.stringify({ score: { raw: 40, min: 0, max: 100 }, completed: false, summary: 'x' }));
  await page.waitForFunction(() => window.cmi['cmi.core.score.raw'] === '40');
  assert.equal((await cmi())['cmi.core.lesson_status'], 'incomplete');
  assert.equal((await cmi())['cmi.core.score.max'], '100');
  await report('not json at all');
  await report(JSON.stringify({ score: { raw: 250 }, completed: true, summary: 'done' }));
  await page.waitForFunction(() => window.cmi['cmi.core.lesson_status'] === 'completed');
  assert.equal((await cmi())['cmi.core.score.raw'], '100', 'the score is clamped to 0..100');
  await report(JSON.stringify({ score: { raw: 10 }, completed: false, summary: 'other device' }));
  await page.waitForFunction(() => window.cmi['cmi.core.score.raw'] === '10');
  assert.equal((await cmi())['cmi.core.lesson_status'], 'completed', 'completion is never taken back');

  // The relative paths hold for the pages with an engine too.
  await frame.locator('a[href$="/lab"]').first().click();
  await frame.locator('[data-testid="lab-play"]').first().waitFor({ timeout: 30000 });

  // Leaving the course (the platform closes its frame) ends the session.
  await page.evaluate(() => document.getElementById('sco').remove());
  await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish'));
  const values = await cmi();
  assert.match(values['cmi.core.session_time'], /^\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
  assert.equal(values['cmi.core.exit'], '');
  assert.deepEqual(errors, [], 'the console stays clean');
  await context.close();
});

test('without a platform the package is the plain course: no API calls, deep links work, console clean', async () => {
  const { context, page, errors } = await openPage(browser);
  const violations = [];
  page.on('console', (msg) => { if (/Content Security Policy|Refused/.test(msg.text())) violations.push(msg.text()); });
  await page.goto(site.base + 'index.html');
  await waitForApp(page);
  assert.equal(await page.evaluate(() => document.querySelector('[aria-current="page"]')?.getAttribute('href')), MOUNT, 'index.html is the overview');
  await page.goto(site.base + 'kubectl/');
  await waitForApp(page);
  await page.waitForSelector('#kubectl-input', { timeout: 30000 });
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await context.close();
});
