// The lab's frame-time probe, shared by the lab journey (tests/e2e/lab.test.mjs, printed) and the
// figures table (tests/perf/figures.mjs): opens the lab with 20 nodes and 200 pods, plays it at a
// speed for 5 s and records every requestAnimationFrame interval, with the DevTools per-frame
// costs (script, style, layout) over the same window.
import { waitForApp } from './browser.mjs';

/** The lab's query for the probe: HPA + cluster autoscaler pinned at 200 pods on 20 nodes. */
export const LAB_20_200 = 'scenario=hpa-cluster-autoscaler&strategy=hpa-ca:200-200@50/nodes20-20&t=600';

const tid = (id) => `[data-testid="${id}"]`;

/** Opens `lab?LAB_20_200` on `base` and returns the node and pod counts shown. */
export async function openLab2020(page, base) {
  await page.goto(base + 'lab?' + LAB_20_200);
  await waitForApp(page);
  await page.waitForSelector(tid('node'), { timeout: 30000 });
  const nodes = await page.$$eval(tid('node'), (els) => els.length);
  const pods = await page.$$eval('[data-pod]', (els) => els.length);
  return { nodes, pods };
}

/**
 * Plays the open lab at `speed` (the speed select's value: '1', '60', '0' = as fast as possible)
 * for `ms`, then pauses. Returns p50/p95 of the frame intervals (ms), the frame count and the
 * per-frame script/style/layout/task milliseconds from DevTools' Performance metrics.
 */
export async function frameTimes(context, page, speed, ms = 5000) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.selectOption(tid('lab-speed'), speed);
  const before = await metrics();
  await page.click(tid('lab-play'));
  const frames = await page.evaluate((ms) => new Promise((resolve) => {
    const times = [];
    let last = performance.now();
    const start = last;
    const tick = (now) => {
      times.push(now - last);
      last = now;
      if (now - start < ms) requestAnimationFrame(tick); else resolve(times);
    };
    requestAnimationFrame(tick);
  }), ms);
  // Pause if still playing (the run also pauses by itself at the preset's end).
  if ((await page.textContent(tid('lab-play'))) === 'Pause') await page.click(tid('lab-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-play"]').textContent === 'Play');
  const after = await metrics();
  await cdp.detach();
  frames.sort((a, b) => a - b);
  const per = (k) => (after[k] - before[k]) * 1000 / frames.length;
  return {
    p50: frames[Math.floor(frames.length * 0.5)],
    p95: frames[Math.floor(frames.length * 0.95)],
    frames: frames.length,
    script: per('ScriptDuration'),
    style: per('RecalcStyleDuration'),
    layout: per('LayoutDuration'),
    task: per('TaskDuration'),
  };
}
