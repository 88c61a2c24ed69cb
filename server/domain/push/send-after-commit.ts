import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { webPushSender, type PushSender } from "@/server/providers/web-push";
import { deliverPush } from "./outbox";
import { vapidKeys } from "./vapid";
import { currentTime } from "@/server/clock";

/** The real Web Push sender, signing with this installation's VAPID keys. */
export async function pushSender(db: Db, subject: string): Promise<PushSender> {
  const keys = await vapidKeys(db);
  return webPushSender({ subject, publicKey: keys.publicKey, privateKey: keys.privateKey });
}

/**
 * Sends messages just queued by a committed transaction, without making the caller (a
 * barista's tap) wait for push services. Whatever fails here stays pending for the jobs
 * runner (`npm run jobs -- push`), so nothing is lost if this process dies first.
 */
export function sendAfterCommit(db: Db, ids: readonly string[], options: { subject: string; log: Logger }) {
  if (ids.length === 0) return;
  void pushSender(db, options.subject)
    .then((sender) => deliverPush(db, { sender, now: currentTime(), ids }))
    .then((result) => {
      if (result.retrying || result.failed) options.log.warn({ push: result }, "push: some messages were not delivered yet");
    })
    .catch((error: unknown) => options.log.error({ err: error }, "push: sending after commit failed"));
}
