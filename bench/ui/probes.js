// What `npm run bench:ui` measures inside the page, with the browser's own clocks: input event
// timestamps, requestAnimationFrame, the Long Tasks API and User Timing. Injected before any page
// script with `addInitScript` (plain JS, so nothing is transpiled into it); the runner calls
// `window.__bench.*` by expression.
(() => {
  const bench = {
    /** Main-thread tasks over 50 ms: { start, duration } in page time. */
    longTasks: [],
    /** Timestamp of the last pointerdown (when the input happened, so queueing counts). */
    pointerDown: 0,
    playClick: null,
    firstSound: null,

    /** Tasks over 50 ms that started at or after `from` (page time). */
    longTasksSince(from) {
      return bench.longTasks.filter((t) => t.start >= from);
    },

    /** Resolves once a frame has been produced and the main thread then runs a task. */
    settled() {
      return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
    },

    /** What `armUntil` measures, once the click has happened (a promise of ms). */
    armed: null,

    /**
     * Armed before the click: ms from the next pointerdown until `selector` matches and the frame
     * showing it was produced (the rAF after the DOM change, then a task after that frame). A
     * MutationObserver sees the change in the task that makes it, so the time does not include
     * the test driver's round trip before it could start polling (as `timeUntil` does).
     */
    armUntil(selector) {
      bench.armed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector(selector) === null) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - bench.pointerDown), 0));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
    },

    /**
     * Ms from the last pointerdown until `selector` matches and the frame showing it was produced
     * (the rAF after it, then a task after that frame). Polls from when it is called, so the
     * caller's delay before calling counts too; `armUntil` does not have that bias.
     */
    timeUntil(selector) {
      return new Promise((resolve) => {
        const poll = () => {
          if (document.querySelector(selector) === null) {
            requestAnimationFrame(poll);
            return;
          }
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - bench.pointerDown), 0));
        };
        poll();
      });
    },

    /**
     * Records when the first node meter shows sound (> −60 dBFS) after the next Play click: some
     * node's output reached its analyser, so the graph is audible.
     */
    watchFirstSound() {
      bench.firstSound = null;
      bench.playClick = null;
      new MutationObserver((records, observer) => {
        for (const r of records) {
          if (Number(r.target.dataset.peakDb) > -60 && bench.firstSound === null) {
            bench.firstSound = performance.now();
            observer.disconnect();
          }
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-peak-db'] });
    },
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  addEventListener(
    'pointerdown',
    (e) => {
      bench.pointerDown = e.timeStamp;
      if (e.target instanceof Element && e.target.closest('[aria-label="Play"]') !== null) bench.playClick = e.timeStamp;
    },
    { capture: true },
  );
})();
