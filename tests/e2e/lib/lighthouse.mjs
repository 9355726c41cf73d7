// Lighthouse (npm `lighthouse` 12.8) on Debian's Chromium against the built site, shared by the
// CI check (tests/e2e/lighthouse.test.mjs) and the figures table (tests/perf/figures.mjs).
// Lighthouse refuses a page answered with HTTP 404, so only routes that have a real file in dist
// are audited: the home page and every route copy (dist/<slug>/index.html) the build wrote.
import fs from 'node:fs';
import path from 'node:path';
import lighthouse, { desktopConfig } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { modes } from './browser.mjs';

const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

/**
 * The routes to audit: "" (the home page), every slug in content/modes.toml, and every other
 * folder of `dist` holding an index.html (a route copy of a page not listed as a mode), keeping
 * only those answered 200 from a file.
 */
export function routes(dist) {
  const slugs = new Set(modes().map((m) => m.slug));
  for (const entry of fs.readdirSync(dist, { withFileTypes: true })) {
    if (entry.isDirectory() && fs.existsSync(path.join(dist, entry.name, 'index.html'))) slugs.add(entry.name);
  }
  return [...slugs].filter((s) => fs.existsSync(path.join(dist, s, 'index.html')));
}

/** One Chromium for many Lighthouse runs (each run opens its own tab and resets storage). */
export async function launchChrome() {
  return chromeLauncher.launch({ chromePath: process.env.CHROMIUM || '/usr/bin/chromium', chromeFlags: FLAGS, logLevel: 'silent' });
}

/**
 * Runs Lighthouse on `url`; `preset` is 'mobile' (Lighthouse's default: a phone, simulated
 * slow 4G and 4x CPU slowdown) or 'desktop' (its desktop config: simulated fast connection,
 * no CPU slowdown). Returns the category scores (0-100), the `interactive` (TTI) and other
 * metric values in ms, and the failing audits of each category for the report.
 */
export async function audit(chrome, url, { categories = ['performance', 'accessibility', 'best-practices', 'seo'], preset = 'mobile' } = {}) {
  const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {};
  const failing = {};
  for (const [id, cat] of Object.entries(lhr.categories)) {
    scores[id] = cat.score === null ? null : Math.round(cat.score * 100);
    failing[id] = cat.auditRefs
      .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
      .map((r) => `${r.id} (${lhr.audits[r.id].displayValue || lhr.audits[r.id].score})`);
  }
  const metric = (id) => lhr.audits[id]?.numericValue ?? null;
  return {
    scores,
    failing,
    metrics: {
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
      tti: metric('interactive'),
    },
    warnings: lhr.runWarnings,
  };
}
