import { eq } from "drizzle-orm";
import webpush from "web-push";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { serverKeys } from "@/db/schema";

export const VAPID_KEY_NAME = "vapid";

const vapidShape = z.object({ publicKey: z.string().min(80), privateKey: z.string().min(40) }).strict();
export type VapidKeys = z.infer<typeof vapidShape>;

const cache = new WeakMap<object, Promise<VapidKeys>>();

/**
 * The VAPID key pair, made on first start and kept in `server_keys`. Every replica may try
 * at once: the first insert wins, the others do nothing and read the winner back, so all
 * sign with one key and a subscription made through any of them stays valid.
 */
export function vapidKeys(db: DbOrTx): Promise<VapidKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = loadOrCreate(db);
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

async function loadOrCreate(db: DbOrTx): Promise<VapidKeys> {
  const generated = webpush.generateVAPIDKeys();
  await db
    .insert(serverKeys)
    .values({ name: VAPID_KEY_NAME, value: { publicKey: generated.publicKey, privateKey: generated.privateKey } })
    .onConflictDoNothing();
  const [row] = await db.select({ value: serverKeys.value }).from(serverKeys).where(eq(serverKeys.name, VAPID_KEY_NAME));
  if (!row) throw new Error("server_keys: the VAPID key pair could not be stored");
  return vapidShape.parse(row.value);
}
