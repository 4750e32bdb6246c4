// Kafka Playground's service worker: after one visit the whole site works offline.
//
// scripts/write-service-worker.sh (Trunk's last post_build hook) copies this file into
// dist/ and rewrites the BUILD line below with every file of the build (index.html,
// Trunk's hashed JS, wasm and CSS, dist/sandbox/ and dist/lessons/, 404.html) and a hash
// of their names and contents. So each deploy's sw.js differs byte for byte, which is
// what makes a browser install the new worker beside the old one; the page's loader
// (Trunk.toml) then offers "Reload" rather than swapping the build under a running app.
//
// Everything is relative to this file's folder, the registration's scope: the site may be
// served from any sub-path (GitHub Pages' /<repo>/), so no path here starts with "/".

const BUILD = { version: 'unbuilt', files: [] }; // BUILD: replaced by write-service-worker.sh

const SCOPE = self.registration.scope; // e.g. https://example.org/kp/
// CacheStorage is per origin, not per path: two copies of the site under one origin
// (/kp/ and /kp-next/) must not delete each other's cache, so the scope is in the name.
const PREFIX = `kafka-playground ${SCOPE} `;
const CACHE = PREFIX + BUILD.version;

self.addEventListener('install', (event) => {
  // A development build (trunk serve, live reload) lists no files: it caches nothing and
  // every request goes to the network, so a rebuild is seen on the next reload.
  if (!BUILD.files.length) return;
  // 'no-cache' revalidates with the server: index.html and the lesson files keep their
  // names from one build to the next, and the HTTP cache may still hold the old ones.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(BUILD.files.map((file) => new Request(file, { cache: 'no-cache' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Old builds' caches go once this build is the one pages use; never before, because
    // an open tab runs the old build until the learner chooses to reload.
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // The first visit's page becomes controlled at once, so it works offline without a
    // reload. (After an update the page asked for this and reloads on controllerchange.)
    await self.clients.claim();
  })());
});

// The loader's "Reload" button: this worker, waiting, takes over now.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !BUILD.files.length) return;
  // Other origins and paths outside the site are the network's business.
  if (!request.url.startsWith(SCOPE)) return;
  event.respondWith(answer(request));
});

async function answer(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const path = url.pathname.slice(new URL(SCOPE).pathname.length);
  if (request.mode === 'navigate') {
    // The app routes in the fragment (#/lesson/1.2/step/3), which never reaches a server
    // or this worker: the site's address (with any query) is always index.html.
    if (path === '' || path === 'index.html') {
      return (await cache.match('index.html')) || fetch(request);
    }
    // A path-style address (/kp/lesson/1.2): what the host says, which on GitHub Pages
    // is 404.html, which finds the site's base and sends the learner there; offline, the
    // cached 404.html does the same. Not index.html: its relative asset URLs would
    // resolve against the wrong folder.
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (e) {
      return (await cache.match('404.html')) || Response.error();
    }
  }
  // Cache first: every file of the build is here, named by its content or replaced only
  // with the whole build. Anything else (or an evicted cache) goes to the network.
  return (await cache.match(request)) || fetch(request);
}
