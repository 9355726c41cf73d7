// The course's service worker (template; crates/xtask/route-copies.sh fills in the version and
// the asset list at build time and writes dist/sw.js). After the first visit the whole course
// works offline: every page, both bundles, the styles. Paths are relative to this file, so the
// same build works at the root of a host and under a sub-path.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const PREFIX = 'mlops-scaling-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

// A new version replaces the old one cleanly: its cache is complete before it activates, then
// every older cache of this course is deleted.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate') {
    // Pages: the network first, so a new version shows at once; offline, the cached page.
    // Every route's HTML is the same app shell, so index.html stands in for any of them.
    event.respondWith(
      fetch(request).catch(() => caches.open(CACHE).then((cache) =>
        cache.match(request, { ignoreSearch: true })
          .then((hit) => hit || cache.match(new URL('index.html', self.registration.scope).href)))),
    );
    return;
  }
  // Everything else: from the cache when there (hashed names, or this version's bundles).
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request))),
  );
});
