const PAGES_CACHE = "pay-pages";

/**
 * Drops the cached pages (they hold the signed-in person's name and balances) before signing
 * out. Apart from the shell's code (components/pay/pwa.tsx): only the More screen needs it.
 */
export async function forgetOfflinePages() {
  if (typeof caches === "undefined") return;
  await Promise.all([caches.delete(PAGES_CACHE), caches.delete("pages-rsc"), caches.delete("pages-rsc-prefetch")]);
}
