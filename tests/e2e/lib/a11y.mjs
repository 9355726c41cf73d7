// Accessibility helpers the journeys share: the route list (data-driven from content/modes.toml,
// plus the not-found page), keyboard-only navigation (Tab until something is focused), a walk of
// a page's whole tab order that checks every stop is on screen with a visible focus indicator and
// that focus is never trapped, and the layout checks for narrow and zoomed windows.
import { modes } from './browser.mjs';

/** Every page of the site: each mode of content/modes.toml, and an unknown address. */
export function routes() {
  return [
    ...modes().map((m) => ({ label: m.slug || 'overview', path: m.slug, heading: m.title })),
    { label: 'not-found', path: 'no-such-page', heading: 'Page not found' },
  ];
}

/** What the focused element is, for messages and loop detection. */
function describeActive() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const id = el.id ? `#${el.id}` : '';
  const testid = el.dataset?.testid ? `[data-testid="${el.dataset.testid}"]` : '';
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${id}${testid} "${text}"`;
}

/**
 * Presses `key` (Tab or Shift+Tab) until `predicate(document.activeElement, arg)` holds, at most
 * `max` times. Returns true when it did. The predicate runs in the page.
 */
export async function tabUntil(page, predicate, { arg, max = 80, key = 'Tab' } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate(([src, a]) => {
      const el = document.activeElement;
      // eslint-disable-next-line no-new-func
      return el && Boolean(new Function('el', 'arg', `return (${src})(el, arg);`)(el, a));
    }, [predicate.toString(), arg])) return true;
  }
  return false;
}

/**
 * Tab (or Shift+Tab with `key`) until the element with this data-testid is focused, inside
 * `within` (a selector) when given. Throws with the last focused element when it never comes.
 */
export async function tabToTestId(page, testid, { within = null, ...options } = {}) {
  const ok = await tabUntil(page, (el, [id, scope]) => el.dataset?.testid === id && (!scope || el.closest(scope)),
    { ...options, arg: [testid, within] });
  if (!ok) throw new Error(`Tab never reached ${testid}${within ? ` in ${within}` : ''}; focus is on ${await page.evaluate(describeActive)}`);
}

/** Focus starts at the top of the page, as after a fresh load (the one allowed non-key step). */
export async function startAtTop(page) {
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
  });
  // Clicking nothing: a blurred document starts the tab order at its beginning.
}

/** The focused element's state: on screen, and showing a focus indicator (its own or a wrapper's). */
function inspectFocus() {
  const el = document.activeElement;
  const shown = (e) => {
    const cs = getComputedStyle(e);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    return outline || shadow;
  };
  // The indicator may be drawn by the element, by a wrapper (:focus-within), or by the label
  // next to a visually hidden radio button (`input:focus-visible + label`).
  const carriers = [el, el.parentElement, el.parentElement?.parentElement, el.nextElementSibling].filter(Boolean);
  const carrier = carriers.find(shown);
  const target = carrier && carrier !== el && el.getBoundingClientRect().width <= 1 ? carrier : el;
  const r = (carrier && el.getBoundingClientRect().width <= 1 ? carrier : el).getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
    && r.top < window.innerHeight && r.left < window.innerWidth;
  return { indicator: Boolean(carrier), onScreen, tag: target.tagName };
}

/**
 * Walks the page's tab order from the top with Tab until focus leaves the page (or comes back to
 * the first stop). Every stop must be on screen with a focus indicator; a Tab that leaves focus
 * where it was is a trap unless Esc then Tab moves on (the code editor's documented way out).
 * Returns { stops, problems }.
 */
export async function walkTabOrder(page, { max = 250 } = {}) {
  await startAtTop(page);
  const stops = [];
  const problems = [];
  let previous = null;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    let here = await page.evaluate(describeActive);
    if (here !== null && here === previous) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      here = await page.evaluate(describeActive);
      if (here === previous) {
        problems.push(`focus is trapped at ${here}`);
        break;
      }
    }
    if (here === null) break; // past the last stop: focus left the page
    if (stops.length > 0 && here === stops[0]) break; // wrapped around
    let state = await page.evaluate(inspectFocus);
    if (!state.onScreen) { // give a scroll into view one frame
      await page.waitForTimeout(100);
      state = await page.evaluate(inspectFocus);
    }
    if (!state.indicator) problems.push(`no focus indicator on ${here}`);
    if (!state.onScreen) problems.push(`focused but not on screen: ${here}`);
    stops.push(here);
    previous = here;
  }
  if (stops.length >= max) problems.push(`more than ${max} tab stops: a loop?`);
  return { stops, problems };
}

/** Horizontal overflow of the page itself (content may scroll inside its own regions). */
export async function pageOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Elements whose overflow is hidden and whose own text is cut off (wider or taller than their
 * box). Visually hidden text (1 px screen-reader labels) does not count.
 */
export async function clippedText(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const cs = getComputedStyle(el);
      const hides = (v) => v === 'hidden' || v === 'clip';
      if (!hides(cs.overflowX) && !hides(cs.overflowY)) continue;
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue; // visually hidden, or empty
      if (el.closest('[hidden], [aria-hidden="true"]')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
        || [...el.querySelectorAll('*')].some((c) => getComputedStyle(c).display.startsWith('inline') && c.textContent.trim());
      if (!ownText) continue;
      const cutX = hides(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
      const cutY = hides(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if (cutX || cutY) {
        const name = el.dataset.testid || el.className || el.tagName.toLowerCase();
        out.push(`${name} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}): "${el.textContent.trim().slice(0, 30)}"`);
      }
    }
    // A closed <select> cuts its chosen option's text at its own width (no overflow style says
    // so): measure the text in the select's font against the room left of the arrow.
    const ctx = document.createElement('canvas').getContext('2d');
    for (const sel of document.querySelectorAll('select')) {
      if (sel.clientWidth === 0 || sel.selectedIndex < 0) continue;
      const cs = getComputedStyle(sel);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = sel.options[sel.selectedIndex].text;
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16;
      if (ctx.measureText(text).width > room) out.push(`select ${sel.dataset.testid || sel.id}: "${text}" in ${Math.round(room)} px`);
    }
    return out;
  });
}

/**
 * Controls (links, buttons, inputs) that are rendered but out of reach: to the left of the page
 * or beyond its right edge, without a scrolling region of their own around them.
 */
export async function unreachableControls(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (hidden)
      if (el.classList.contains('skip-link')) continue; // parked off screen until focused
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0 && r.width <= 1) continue;
      if (r.right <= width + 1 && r.left >= -1) continue;
      let scroller = el.parentElement;
      while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
      if (scroller && scroller !== document.documentElement && scroller !== document.body) continue;
      out.push(`${el.dataset.testid || el.id || el.textContent.trim().slice(0, 30)} at x ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
    }
    return out;
  });
}

/** Animations still running (prefers-reduced-motion should leave none, endless ones included). */
export async function runningAnimations(page) {
  // The reduced-motion rule shortens transitions to 0.01 ms; one may still be caught mid-frame.
  return page.evaluate(() => document.getAnimations()
    .filter((a) => a.playState === 'running' && !(a.effect?.getComputedTiming().duration <= 1))
    .map((a) => `${a.animationName || a.transitionProperty || 'animation'} on ${a.effect?.target?.className || a.effect?.target?.tagName}`));
}
