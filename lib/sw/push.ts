/**
 * The service worker's Web Push handlers ("your order is ready"), kept apart from the
 * worker's caching setup so either can change alone. The worker calls
 * `installPushHandlers(self)` once at its top level.
 *
 * The message (server/domain/push/outbox.ts PushPayload) carries its text in both
 * languages; the worker shows the one the app is set to (the locale cookie), else the
 * phone's language.
 */

type Texts = { title: string; body: string };
type Payload = { kind: string; orderId?: string; url?: string; tag?: string; texts?: Partial<Record<"ko" | "en", Texts>> };

type WindowClientLike = { url: string; focus(): Promise<unknown>; navigate?(url: string): Promise<unknown> };
type ExtendableEventLike = { waitUntil(promise: Promise<unknown>): void };
type PushEventLike = ExtendableEventLike & { data: { json(): unknown; text(): string } | null };
type NotificationClickLike = ExtendableEventLike & { notification: { data: unknown; close(): void } };

/** The parts of ServiceWorkerGlobalScope these handlers use. */
export type PushWorkerScope = {
  location: { origin: string };
  navigator: { language?: string };
  cookieStore?: { get(name: string): Promise<{ value?: string } | null | undefined> };
  registration: { showNotification(title: string, options: Record<string, unknown>): Promise<void> };
  clients: {
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: "push", listener: (event: PushEventLike) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationClickLike) => void): void;
};

const LOCALE_COOKIE = "canteen_locale";
const FALLBACK_URL = "/pay";

export function parsePushPayload(data: PushEventLike["data"]): Payload | null {
  if (!data) return null;
  try {
    const value = data.json();
    if (typeof value !== "object" || value === null || typeof (value as Payload).kind !== "string") return null;
    return value as Payload;
  } catch {
    return null;
  }
}

/** Only a path on this app is opened from a notification, never another site. */
export function safeTarget(url: unknown): string {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : FALLBACK_URL;
}

async function preferredLocale(scope: PushWorkerScope): Promise<"ko" | "en"> {
  try {
    const cookie = await scope.cookieStore?.get(LOCALE_COOKIE);
    if (cookie?.value === "ko" || cookie?.value === "en") return cookie.value;
  } catch {
    // no cookie access in this browser's workers: fall back to the phone's language
  }
  return scope.navigator.language?.toLowerCase().startsWith("ko") === false ? "en" : "ko";
}

export function installPushHandlers(scope: PushWorkerScope) {
  scope.addEventListener("push", (event) => {
    const payload = parsePushPayload(event.data);
    if (!payload) return;
    event.waitUntil(
      (async () => {
        const locale = await preferredLocale(scope);
        const texts = payload.texts?.[locale] ?? payload.texts?.ko ?? payload.texts?.en;
        if (!texts) return;
        await scope.registration.showNotification(texts.title, {
          body: texts.body,
          tag: payload.tag,
          // A second "ready" for the same order replaces the first instead of stacking; still buzz.
          renotify: Boolean(payload.tag),
          requireInteraction: payload.kind === "orderReady",
          icon: "/icons/icon-192.png",
          badge: "/icons/icon-192.png",
          data: { url: safeTarget(payload.url) },
        });
      })(),
    );
  });

  scope.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data as { url?: unknown } | null;
    const target = new URL(safeTarget(data?.url), scope.location.origin).href;
    event.waitUntil(
      (async () => {
        const windows = await scope.clients.matchAll({ type: "window", includeUncontrolled: true });
        const open = windows.find((client) => client.url === target) ?? windows.find((client) => new URL(client.url).pathname.startsWith("/pay"));
        if (open) {
          if (open.url !== target && open.navigate) await open.navigate(target);
          await open.focus();
          return;
        }
        await scope.clients.openWindow(target);
      })(),
    );
  });
}
