import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { DomainError } from "../errors";

export type PushSubscriptionInput = { userId: string; endpoint: string; p256dh: string; auth: string; userAgent?: string | null };

/** The browsers' push services; the server only ever posts to these, never to a URL a client made up. */
const PUSH_SERVICE_HOSTS = [
  /^fcm\.googleapis\.com$/,
  /^android\.googleapis\.com$/,
  /^updates\.push\.services\.mozilla\.com$/,
  /^push\.services\.mozilla\.com$/,
  /^(?:[a-z0-9-]+\.)*push\.apple\.com$/,
  /^(?:[a-z0-9-]+\.)*notify\.windows\.com$/,
];
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether the server may send to this endpoint: https on a known push service, or — only
 * when tests switch it on — http on this machine, where a test's own push endpoint listens.
 */
export function pushEndpointAllowed(endpoint: string, options: { allowLoopback: boolean }): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (options.allowLoopback && LOOPBACK_HOSTS.has(url.hostname) && (url.protocol === "http:" || url.protocol === "https:")) return true;
  return url.protocol === "https:" && url.port === "" && PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname));
}

/**
 * Stores the phone's subscription for the signed-in employee. A browser keeps one
 * endpoint per app, so the same endpoint again replaces its keys (and its owner, when
 * someone else signed in on that phone).
 */
export async function savePushSubscription(args: { tx: DbOrTx; input: PushSubscriptionInput; allowLoopback: boolean }) {
  const { tx, input } = args;
  if (!pushEndpointAllowed(input.endpoint, { allowLoopback: args.allowLoopback })) {
    throw new DomainError("BAD_REQUEST", "pushEndpointRefused", "this push endpoint is not a known push service");
  }
  // A subscription whose keys cannot encrypt would fail on every "ready": refuse it now.
  const p256dh = Buffer.from(input.p256dh, "base64url");
  if (p256dh.length !== 65 || p256dh[0] !== 0x04 || Buffer.from(input.auth, "base64url").length !== 16) {
    throw new DomainError("BAD_REQUEST", "pushKeysInvalid", "the subscription's keys are not a P-256 public key and a 16-byte secret");
  }
  const values = { userId: input.userId, endpoint: input.endpoint, p256dh: input.p256dh, auth: input.auth, userAgent: input.userAgent ?? null };
  const [row] = await tx
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId: values.userId, p256dh: values.p256dh, auth: values.auth, userAgent: values.userAgent } })
    .returning({ id: pushSubscriptions.id });
  if (!row) throw new Error("push subscription upsert returned nothing");
  return { id: row.id };
}

/** Turns notifications off for this phone; only the owner's own subscription is removed. */
export async function removePushSubscription(args: { tx: DbOrTx; input: { userId: string; endpoint: string } }) {
  const removed = await args.tx
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, args.input.userId), eq(pushSubscriptions.endpoint, args.input.endpoint)))
    .returning({ id: pushSubscriptions.id });
  return { removed: removed.length };
}

export async function hasPushSubscription(args: { tx: DbOrTx; input: { userId: string; endpoint: string } }) {
  const [row] = await args.tx
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, args.input.userId), eq(pushSubscriptions.endpoint, args.input.endpoint)));
  return { subscribed: Boolean(row) };
}
