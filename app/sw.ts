/// <reference lib="webworker" />
import { defaultCache } from "@serwist/turbopack/worker";
import { NetworkFirst, NetworkOnly, Serwist, type PrecacheEntry, type SerwistGlobalConfig, type SerwistPlugin } from "serwist";
import { installPushHandlers } from "../lib/sw/push";

/**
 * The pay app's service worker, built by @serwist/turbopack (app/serwist/[path]/route.ts)
 * and registered with scope /pay. It precaches the build's static files and keeps the pay
 * pages so the app, and the pay code it makes from the phone's secret, open with no signal.
 */
declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const PAGES_CACHE = "pay-pages";
const isPayPage = (pathname: string) => pathname === "/pay" || pathname.startsWith("/pay/");

// A page that came back redirected is the sign-in page, not the pay page: never keep it under /pay.
const onlyRealPages: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
  // Offline and this page was never cached (say /pay/more): the home page is better than an error.
  handlerDidError: async () => (await caches.match("/pay", { cacheName: PAGES_CACHE, ignoreVary: true })) ?? undefined,
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    // Data stays live: balances and devices are kept by the app itself, per person, with their time.
    { matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/api/"), handler: new NetworkOnly() },
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && isPayPage(url.pathname) && request.headers.get("RSC") !== "1",
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        networkTimeoutSeconds: 4,
        // Next varies pages on router headers; a warmed copy must still answer a navigation.
        matchOptions: { ignoreVary: true, ignoreSearch: true },
        plugins: [onlyRealPages],
      }),
    },
    ...defaultCache,
  ],
});

serwist.addEventListeners();
// Web Push: "your order is ready" notifications and opening the order when one is tapped.
installPushHandlers(self);
