// The browser half of `cargo xtask figures`: serves the release build (dist/) on 127.0.0.1 with
// gzip (as GitHub Pages does), then prints markdown table rows (stdout; progress on stderr) for
// Lighthouse on every route, the home page's time to interactive and the lab's frame time.
// crates/xtask prints the header, the size rows and the engine benchmark around them.
//
// usage: node tests/perf/figures.mjs DIST [--runs N] [--no-lighthouse] [--no-tti] [--no-lab]
//        [--preset mobile|desktop|both]
import fs from 'node:fs';
import { serveStatic } from '../e2e/lib/server.mjs';
import { launch, openPage } from '../e2e/lib/browser.mjs';
import { routes, launchChrome, audit } from '../e2e/lib/lighthouse.mjs';
import { openLab2020, frameTimes } from '../e2e/lib/lab-probe.mjs';

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const runs = Number(opt('--runs') ?? 5);
const presetArg = opt('--preset') ?? 'both';
const presets = presetArg === 'both' ? ['mobile', 'desktop'] : [presetArg];
if (!dist || !fs.existsSync(dist)) {
  console.error('usage: node tests/perf/figures.mjs DIST [--runs N] [--no-lighthouse] [--no-tti] [--no-lab] [--preset mobile|desktop|both]');
  process.exit(2);
}

const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const row = (...cells) => console.log(`| ${cells.join(' | ')} |`);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const ms = (x) => (x == null ? 'n/a' : `${Math.round(x)} ms`);

const site = await serveStatic(dist, '/', { gzip: true });
let failed = false;
try {
  if (!args.includes('--no-lighthouse')) {
    const chrome = await launchChrome();
    try {
      for (const preset of presets) {
        for (const route of routes(dist)) {
          const url = site.base + (route ? `${route}/` : '');
          console.error(`figures: Lighthouse (${preset}) on /${route} ...`);
          const startLoad = load();
          const a = await audit(chrome, url, { preset });
          const s = a.scores;
          const low = Object.entries(s).filter(([, v]) => v !== null && v < 95);
          // Accessibility, best practices and SEO are deterministic: under 95 fails the command.
          // Performance depends on the machine's load (and the mobile preset's simulated slow 4G):
          // printed with its failing audits, never failing the command.
          if (low.some(([k]) => k !== 'performance')) failed = true;
          const notes = low.map(([k]) => `${k} < 95: ${a.failing[k].join(', ')}`).join('; ');
          row(`Lighthouse ${preset} \`/${route}\` (perf / a11y / best practices / SEO)`,
            `${s.performance} / ${s.accessibility} / ${s['best-practices']} / ${s.seo}`,
            '≥ 95 each',
            `FCP ${ms(a.metrics.fcp)}, LCP ${ms(a.metrics.lcp)}, TBT ${ms(a.metrics.tbt)}, CLS ${a.metrics.cls?.toFixed(3)}, TTI ${ms(a.metrics.tti)} (simulated); load ${startLoad}${notes ? `; ${notes}` : ''}`);
        }
      }
    } finally {
      await chrome.kill();
    }
  }

  if (!args.includes('--no-tti') || !args.includes('--no-lab')) {
    const browser = await launch();
    try {
      if (!args.includes('--no-tti')) {
        // Cold load of the home page (a fresh browser context each run: empty cache, no service
        // worker), gzip over 127.0.0.1, no throttling. Measured in the page from navigation start:
        // `ready` when the app's first "Run it here" button exists (the wasm has started and the
        // page is rendered, handlers attached), `responds` when a click on it has changed its
        // label to "Run it again" (the app handled an input and repainted its text).
        const startLoad = load();
        const samples = [];
        // One discarded run first: the server gzips each file on its first request.
        for (let i = -1; i < runs; i++) {
          const { context, page, errors } = await openPage(browser);
          await page.addInitScript(() => {
            const seen = new MutationObserver(() => {
              const b = [...document.querySelectorAll('button')].find((x) => x.textContent.startsWith('Run it here'));
              if (!b || window.__ready) return;
              window.__ready = performance.now();
              seen.disconnect();
              new MutationObserver((_, obs) => {
                if (b.textContent.startsWith('Run it again')) { window.__responds = performance.now(); obs.disconnect(); }
              }).observe(b, { childList: true, subtree: true, characterData: true });
              b.click();
            });
            seen.observe(document, { childList: true, subtree: true });
          });
          await page.goto(site.base);
          await page.waitForFunction(() => window.__responds, null, { timeout: 30000 });
          const sample = await page.evaluate(() => ({ ready: window.__ready, responds: window.__responds }));
          if (i >= 0) samples.push(sample);
          if (errors.length) console.error('figures: console errors on the home page:', errors);
          await context.close();
        }
        const r = samples.map((s) => s.responds);
        row(`Time to interactive, home page (median of ${runs})`, ms(median(r)),
          '',
          `headless Chromium, cold cache, gzip over 127.0.0.1, no throttling: navigation start until the first "Run it here" button answers a click (its label changes); rendered at ${ms(median(samples.map((s) => s.ready)))}; runs ${r.map((x) => Math.round(x)).join(', ')} ms; load ${startLoad}`);
      }
      if (!args.includes('--no-lab')) {
        const { context, page, errors } = await openPage(browser);
        const { nodes, pods } = await openLab2020(page, site.base);
        const startLoad = load();
        const f = await frameTimes(context, page, '1');
        row(`Lab frame time at 1x, ${nodes} nodes / ${pods} pods (p50 / p95)`,
          `${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} ms`,
          '16.7 ms (60 Hz)',
          `${f.frames} frames over 5 s, requestAnimationFrame intervals, headless Chromium, software rendering; per frame script ${f.script.toFixed(1)} ms, style ${f.style.toFixed(1)} ms, layout ${f.layout.toFixed(1)} ms; load ${startLoad}`);
        if (errors.length) { console.error('figures: console errors in the lab:', errors); failed = true; }
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await site.close();
}
process.exit(failed ? 1 : 0);
