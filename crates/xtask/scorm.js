// SCORM 1.2 adapter, only in the package `cargo xtask package-scorm` builds (never in the plain
// site). When the course runs inside a learning platform that provides the SCORM 1.2 API (an
// object named `API` on a parent window or the opener), it reports the course score and
// completion; without the API it does nothing at all. It listens for the event the app sends
// after every save of the learner's progress (see ARCHITECTURE.md, "Progress"):
//   window 'mlops-scaling:progress', detail = '{"score":{"raw":N,"min":0,"max":100},"completed":bool,"summary":"…"}'
// Every call is guarded: a platform's error never reaches the course.
(function () {
  'use strict';

  // The SCORM 1.2 run-time discovery: walk up the frames, then the opener's frames.
  function findApi(win) {
    for (let hops = 0; win && hops < 10; hops += 1) {
      try {
        if (win.API && typeof win.API.LMSInitialize === 'function') return win.API;
      } catch (e) { /* a cross-origin frame: keep looking upward */ }
      let parent = null;
      try { parent = win.parent; } catch (e) { return null; }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  let api = findApi(window);
  if (!api) {
    try { if (window.opener) api = findApi(window.opener); } catch (e) { api = null; }
  }
  if (!api) return;

  function call(name) {
    const args = Array.prototype.slice.call(arguments, 1);
    try { return String(api[name].apply(api, args)); } catch (e) { return ''; }
  }
  function set(element, value) { return call('LMSSetValue', element, String(value)) === 'true'; }

  if (call('LMSInitialize', '') !== 'true') return;
  const startedAt = Date.now();
  const status = call('LMSGetValue', 'cmi.core.lesson_status');
  // A course finished on another device stays finished: this browser's local progress never
  // downgrades what the platform already recorded.
  let completed = status === 'completed' || status === 'passed';
  if (status === '' || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
  call('LMSCommit', '');

  window.addEventListener('mlops-scaling:progress', function (event) {
    let report = null;
    try { report = JSON.parse(event.detail); } catch (e) { return; }
    if (!report || typeof report !== 'object') return;
    const raw = Number(report.score && report.score.raw);
    if (Number.isFinite(raw)) {
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', 100);
      set('cmi.core.score.raw', Math.max(0, Math.min(100, Math.round(raw))));
    }
    if (report.completed === true && !completed) {
      completed = true;
      set('cmi.core.lesson_status', 'completed');
    }
    call('LMSCommit', '');
  });

  // CMITimespan: HHHH:MM:SS.SS
  function timespan(ms) {
    const total = Math.max(0, Math.floor(ms / 10));
    const hours = Math.min(9999, Math.floor(total / 360000));
    const minutes = Math.floor(total / 6000) % 60;
    const seconds = Math.floor(total / 100) % 60;
    const hundredths = total % 100;
    const pad = (n, w) => String(n).padStart(w, '0');
    return pad(hours, 2) + ':' + pad(minutes, 2) + ':' + pad(seconds, 2) + '.' + pad(hundredths, 2);
  }

  let finished = false;
  function finish() {
    if (finished) return;
    finished = true;
    set('cmi.core.session_time', timespan(Date.now() - startedAt));
    set('cmi.core.exit', completed ? '' : 'suspend');
    call('LMSCommit', '');
    call('LMSFinish', '');
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
})();
