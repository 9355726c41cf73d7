// Launching Debian's Chromium through playwright-core, with the flags this machine needs,
// and small helpers the journeys share (console capture, axe-core, screenshots, the mode list).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '../../..');
export const artifactsDir = path.resolve(here, '../artifacts');

const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
}

/** A fresh context + page that records console errors and page errors. */
export async function openPage(browser, { width = 1280, height = 900, reducedMotion = 'no-preference', colorScheme = 'light', deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, colorScheme, deviceScaleFactor });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { context, page, errors };
}

/** Waits until the wasm app has mounted (the loading message is gone, a heading is there). */
export async function waitForApp(page) {
  await page.waitForSelector('[data-testid="page-heading"]', { timeout: 20000 });
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page with its default rule set (WCAG A/AA and best practices); returns
 * every violation, whatever its impact, unless `impacts` narrows them.
 */
export async function axeViolations(page, impacts = ['minor', 'moderate', 'serious', 'critical']) {
  // Let finite animations end first (pods and nodes fade in): axe measures contrast on what is
  // painted, and a half-faded card would read as low contrast. Endless ones are left running.
  await page.waitForFunction(() => document.getAnimations()
    .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  null, { timeout: 5000 }).catch(() => {});
  // Evaluated through the DevTools protocol, not as an inline <script>: the site's
  // Content-Security-Policy rightly blocks inline scripts, and the test must not weaken it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}${v.nodes.length > 5 ? `, ${v.nodes.length - 5} more` : ''})`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** The learning modes, read from content/modes.toml (the same file the app and the build use). */
export function modes() {
  const text = fs.readFileSync(path.join(projectRoot, 'content/modes.toml'), 'utf8');
  const blocks = text.split('[[mode]]').slice(1);
  return blocks.map((b) => ({
    slug: /^slug = "(.*)"$/m.exec(b)[1],
    title: /^title = "(.*)"$/m.exec(b)[1],
  }));
}
