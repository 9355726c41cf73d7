// Lighthouse on every route of the release build (the home page, each mode of
// content/modes.toml and any other route copy in dist): accessibility, best practices and SEO
// must score at least 95. These audits are deterministic; performance depends on the machine's
// load, so it is printed here, not asserted (`cargo xtask figures` prints the full table).
// One Lighthouse run per route, Lighthouse's default (mobile) settings, gzip like a real host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic } from './lib/server.mjs';
import { routes, launchChrome, audit } from './lib/lighthouse.mjs';

const DIST = process.env.DIST;
let chrome, site;

before(async () => {
  assert.ok(DIST, 'DIST names the release build folder');
  chrome = await launchChrome();
  site = await serveStatic(DIST, '/', { gzip: true });
});

after(async () => {
  await chrome?.kill();
  await site?.close();
});

test('Lighthouse: accessibility, best practices and SEO at least 95 on every route', async () => {
  const list = routes(DIST);
  assert.ok(list.length >= 7, `routes found: ${list.join(', ')}`);
  const low = [];
  for (const route of list) {
    const a = await audit(chrome, site.base + (route ? `${route}/` : ''));
    const s = a.scores;
    console.log(`Lighthouse /${route}: performance ${s.performance} (not asserted), accessibility ${s.accessibility}, best practices ${s['best-practices']}, SEO ${s.seo}`);
    for (const k of ['accessibility', 'best-practices', 'seo']) {
      if (!(s[k] >= 95)) low.push(`/${route} ${k} ${s[k]}: ${a.failing[k].join(', ')}`);
    }
  }
  assert.deepEqual(low, []);
});
