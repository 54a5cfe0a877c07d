// The service worker: keeps the app shell on the phone so Samspel starts without a
// network, and stays out of the way of everything else.
//
// The build (pwa/build) compiles in SHELL_FILES, the URLs of this version's shell, and
// CACHE_NAME, which carries a hash of them: a new build means a new cache, and the old
// one is deleted once the new worker takes over.

declare const SHELL_FILES: string[];
declare const CACHE_NAME: string;

// The worker's own types, declared here because TypeScript's "webworker" library cannot
// share a project with "dom", which the app needs.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: "install" | "activate", listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: { readonly origin: string };
}

const worker = self as unknown as WorkerScope;
const shell = new Set(SHELL_FILES);

// How long a navigation waits for the network before the cached shell is shown instead:
// on a connection that is there but barely, waiting longer helps nobody.
const navigationTimeoutMs = 3000;

worker.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      // "reload" skips the HTTP cache: the unhashed files (/, the manifest, the icons)
      // could otherwise come from an older version.
      await cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })));
      // Take over at once: the shell is one bundle, so a page already open holds all
      // of its code and loses nothing when the old cache goes.
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== CACHE_NAME) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("fetch", (event) => {
  const req = event.request;
  // Never touch writes, other origins, or the API: gRPC calls must reach the server or
  // fail, so the app knows it is offline.
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith("/samspel.v1.") || url.pathname.startsWith("/grpc.")) return;

  if (req.mode === "navigate") {
    event.respondWith(navigate(req));
  } else if (shell.has(url.pathname)) {
    event.respondWith(cacheFirst(req));
  }
});

/** navigate tries the network first, so an online start always gets the newest app,
 * and falls back to the cached shell. The cached copy is "/", never "/index.html":
 * Go's file server redirects that, and a cached redirect breaks navigation. */
async function navigate(req: Request): Promise<Response> {
  try {
    return await withTimeout(fetch(req), navigationTimeoutMs);
  } catch {
    const cache = await caches.open(CACHE_NAME);
    // The cached "/" is not refreshed from later navigations: it must stay the one that
    // references this cache's hashed files, or an offline start would load nothing.
    return (await cache.match("/")) ?? Response.error();
  }
}

/** cacheFirst serves shell files from the cache: their names carry their content hash,
 * or they belong to this cache's version. */
async function cacheFirst(req: Request): Promise<Response> {
  const cache = await caches.open(CACHE_NAME);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export {};
