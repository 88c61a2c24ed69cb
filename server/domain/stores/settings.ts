import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { stores, users, type OpeningHours } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { recordAudit } from "../audit";
import { announceMenuChange } from "../menu/events";
import { DomainError, notFound } from "../errors";
import { MANAGER_PIN_PATTERN, ManagerPinRejected } from "../people/manager-pin";
import { isRateLimited, rateLimitWindow, type RateLimitInput } from "../rate-limit";
import { currentTime } from "@/server/clock";

export const RECEIPT_HEADER_MAX = 200;

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: "timeInvalid" });
const day = z
  .object({ open: clock, close: clock })
  .strict()
  .nullable()
  .refine((value) => value === null || value.open < value.close, { error: "closeBeforeOpen" });

// Messages are keys under `menuAdmin.fieldErrors`.
export const storeSettingsInput = z
  .object({
    timeZone: z.string().min(1, { error: "timeZoneInvalid" }).max(64).refine(isTimeZone, { error: "timeZoneInvalid" }),
    receiptHeader: z.string().max(RECEIPT_HEADER_MAX, { error: "receiptHeaderTooLong" }).transform((value) => value.replace(/\r\n/g, "\n").trim()),
    openingHours: z.array(day).length(7),
  })
  .strict();
export type StoreSettingsInput = z.infer<typeof storeSettingsInput>;

export const changePinInput = z
  .object({
    currentPin: z.string().max(6).optional(),
    newPin: z.string().regex(MANAGER_PIN_PATTERN, { error: "pinMalformed" }),
    confirmPin: z.string(),
  })
  .strict()
  .refine((value) => value.newPin === value.confirmPin, { error: "pinMismatch", path: ["confirmPin"] });
export type ChangePinInput = z.infer<typeof changePinInput>;

/** Weekdays 08:00–20:00, weekends closed, until the manager says otherwise. */
export const DEFAULT_OPENING_HOURS: OpeningHours = [null, ...Array.from({ length: 5 }, () => ({ open: "08:00", close: "20:00" })), null];

export async function loadStoreSettings(args: { tx: DbOrTx; input: { storeId: string; userId: string } }) {
  const { tx, input } = args;
  const [store] = await tx
    .select({ id: stores.id, nameKo: stores.nameKo, nameEn: stores.nameEn, timeZone: stores.timeZone, receiptHeader: stores.receiptHeader, openingHours: stores.openingHours })
    .from(stores)
    .where(eq(stores.id, input.storeId));
  if (!store) throw notFound("storeNotFound", "store not found");
  const [me] = await tx.select({ pinHash: users.pinHash }).from(users).where(eq(users.id, input.userId));
  // No saved hours: nothing is enforced yet, and the form offers the defaults to start from.
  return { ...store, openingHours: store.openingHours ?? DEFAULT_OPENING_HOURS, hoursSaved: store.openingHours !== null, hasPin: Boolean(me?.pinHash) };
}

/** What the kiosk's header needs to tell the barista whether the store is open: the hours as stored (null = none set). */
export async function loadStoreHours(args: { tx: DbOrTx; input: { storeId: string } }) {
  const [store] = await args.tx
    .select({ openingHours: stores.openingHours, timeZone: stores.timeZone })
    .from(stores)
    .where(eq(stores.id, args.input.storeId));
  if (!store) throw notFound("storeNotFound", "store not found");
  return store;
}

export async function updateStoreSettings(args: { tx: DbOrTx; input: StoreSettingsInput & { storeId: string; actorId: string; requestId?: string | null } }) {
  const { tx, input } = args;
  const [before] = await tx
    .select({ timeZone: stores.timeZone, receiptHeader: stores.receiptHeader, openingHours: stores.openingHours })
    .from(stores)
    .where(eq(stores.id, input.storeId))
    .for("update");
  if (!before) throw notFound("storeNotFound", "store not found");
  const [after] = await tx
    .update(stores)
    .set({ timeZone: input.timeZone, receiptHeader: input.receiptHeader, openingHours: input.openingHours })
    .where(eq(stores.id, input.storeId))
    .returning({ timeZone: stores.timeZone, receiptHeader: stores.receiptHeader, openingHours: stores.openingHours });
  if (!after) throw new Error("store update returned nothing");
  // Open kiosks show the hours state in their header; they refetch it on the menu stream.
  await announceMenuChange(tx, { storeId: input.storeId, change: "hours" });
  await recordAudit(tx, {
    actorId: input.actorId,
    requestId: input.requestId ?? null,
    storeId: input.storeId,
    action: "store.settings.update",
    entityType: "store",
    entityId: input.storeId,
    before,
    after,
  });
  return after;
}

/** Wrong current PINs one manager may type in a window: a console left open is not a way to guess the PIN. */
export const PIN_CHANGE_LIMIT = 5;
export const PIN_CHANGE_WINDOW_SECONDS = 15 * 60;

/** A wrong current PIN, counted (after the rollback) by `countingManagerPinFailures`, and shown at its field. */
class CurrentPinRejected extends ManagerPinRejected {
  override readonly details = { field: "currentPin" };
}

/**
 * The manager changes their own PIN: the current one first when there is one, so a console
 * left open is not enough to take over refund approvals. Stored as argon2id like passwords.
 */
export async function changeOwnManagerPin(args: { tx: DbOrTx; input: ChangePinInput & { userId: string; now: Date; requestId?: string | null } }) {
  const { tx, input } = args;
  const limit: RateLimitInput = { bucket: `managerpin:change:${input.userId}`, limit: PIN_CHANGE_LIMIT, windowSeconds: PIN_CHANGE_WINDOW_SECONDS, now: input.now };
  if (await isRateLimited(tx, limit)) {
    const { retryAfterSeconds } = rateLimitWindow(input.now, PIN_CHANGE_WINDOW_SECONDS);
    throw new DomainError("TOO_MANY_REQUESTS", "managerPinTooManyAttempts", "too many wrong current PINs", { minutes: Math.ceil(retryAfterSeconds / 60) });
  }
  const [me] = await tx
    .select({ id: users.id, pinHash: users.pinHash })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.role, "store_manager")))
    .for("update");
  if (!me) throw new DomainError("NOT_FOUND", "managerNotFound", "no store manager with that id");
  if (me.pinHash && !(input.currentPin && (await verifyPassword(me.pinHash, input.currentPin)))) {
    throw new CurrentPinRejected("FORBIDDEN", "currentPinWrong", "the current PIN is wrong", [limit]);
  }
  await tx.update(users).set({ pinHash: await hashPassword(input.newPin), updatedAt: currentTime() }).where(eq(users.id, me.id));
  // Only that it changed: a PIN, even hashed, stays out of the audit log.
  await recordAudit(tx, {
    actorId: input.userId,
    requestId: input.requestId ?? null,
    action: "manager.pin.change",
    entityType: "user",
    entityId: me.id,
    before: { pinSet: Boolean(me.pinHash) },
    after: { pinSet: true },
  });
}
