// The plain release build embedded in a course page on another site: a page on one origin
// (localhost) frames the course served from another (127.0.0.1). Inside the frame the course
// loads, a page with an engine loads its bundle and obeys a command, the router moves between
// pages inside the frame without touching the host page, and the console stays clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { serveStatic } from './lib/server.mjs';
import { launch, openPage } from './lib/browser.mjs';

const DIST = process.env.DIST;
let browser, site, host;

before(async () => {
  assert.ok(DIST, 'DIST names the release build folder');
  browser = await launch();
  site = await serveStatic(DIST, '/');
});

/** The course page of a learning site: another server, reached as localhost (another origin). */
async function courseSite(body) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://localhost:${server.address().port}/week-3.html` };
}

after(async () => {
  await browser?.close();
  await site?.close();
  host?.server.close();
});

test('the course works inside an iframe of a course page on another origin', async () => {
  const { context, page, errors } = await openPage(browser);
  const course = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Week 3</title></head>
    <body><h1>Week 3: scaling</h1><iframe id="course" title="The scaling course" src="${site.base}kubectl" style="width:1200px;height:800px"></iframe></body></html>`;
  host = await courseSite(course);
  await page.goto(host.url);
  const frame = page.frameLocator('#course');
  await frame.locator('[data-testid="page-heading"]').waitFor({ timeout: 20000 });
  const input = frame.locator('#kubectl-input');
  await input.waitFor({ timeout: 30000 });
  await input.fill('kubectl get nodes');
  await input.press('Enter');
  await frame.locator('text=Ready').first().waitFor({ timeout: 10000 });
  // Moving between pages inside the frame uses the app's router, not the host page.
  await frame.locator('a[href="/quiz"]').first().click();
  await frame.locator('[data-testid="tab-challenge"]').waitFor({ timeout: 20000 });
  assert.equal(page.url(), host.url, 'the host page stays where it was');
  assert.deepEqual(errors, [], 'the console stays clean');
  await context.close();
});
