import { and, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { kioskPairingCodes, stores, users } from "@/db/schema";
import { DomainError } from "../errors";
import { firstRateLimited, hitRateLimit, type RateLimitInput } from "../rate-limit";
import { recordAudit } from "../audit";
import { hashPairingCode, PAIRING_CODE_PATTERN } from "./codes";

/** Wrong codes one address may try in ten minutes, and all addresses together (a million codes, ten minutes each). */
export const PAIR_IP_LIMIT = 10;
export const PAIR_GLOBAL_LIMIT = 100;
export const PAIR_WINDOW_SECONDS = 10 * 60;

export type PairedDevice = { id: string; name: string; email: string; storeId: string };

function limits(clientKey: string, now: Date): RateLimitInput[] {
  return [
    { bucket: `kioskpair:ip:${clientKey}`, limit: PAIR_IP_LIMIT, windowSeconds: PAIR_WINDOW_SECONDS, now },
    { bucket: "kioskpair:all", limit: PAIR_GLOBAL_LIMIT, windowSeconds: PAIR_WINDOW_SECONDS, now },
  ];
}

/**
 * Redeems a pairing code: in one transaction the code is locked, checked (exists, not
 * expired, not used), marked used, and the tablet's barista account is created for its store.
 * A wrong code counts against the caller's address and the global bucket, on the pool.
 */
export async function pairDevice(args: { db: Db; input: { code: string; clientKey: string; now: Date } }): Promise<PairedDevice> {
  const { db, input } = args;
  const buckets = limits(input.clientKey, input.now);
  if (await firstRateLimited(db, buckets)) {
    throw new DomainError("TOO_MANY_REQUESTS", "pairingTooManyAttempts", "too many wrong pairing codes");
  }
  const code = input.code.trim();
  const paired = PAIRING_CODE_PATTERN.test(code)
    ? await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(kioskPairingCodes)
          .where(
            and(
              eq(kioskPairingCodes.codeHash, hashPairingCode(code)),
              isNull(kioskPairingCodes.usedAt),
              gt(kioskPairingCodes.expiresAt, input.now),
            ),
          )
          .for("update");
        // The lock makes a second tablet racing with the same code wait, then see it used.
        if (!row || row.usedAt) return null;
        const [store] = await tx.select({ nameKo: stores.nameKo }).from(stores).where(eq(stores.id, row.storeId));
        if (!store) return null;
        const [paired] = await tx
          .select({ n: count() })
          .from(kioskPairingCodes)
          .where(and(eq(kioskPairingCodes.storeId, row.storeId), isNotNull(kioskPairingCodes.deviceUserId)));
        const name = `${store.nameKo} 키오스크 ${(paired?.n ?? 0) + 1}`;
        const id = crypto.randomUUID();
        const [device] = await tx
          .insert(users)
          .values({ id, email: `kiosk-${id}@devices.canteen.internal`, name, role: "barista", storeId: row.storeId })
          .returning({ id: users.id, name: users.name, email: users.email });
        if (!device) throw new Error("device user insert returned no row");
        await tx
          .update(kioskPairingCodes)
          .set({ usedAt: input.now, deviceUserId: device.id })
          .where(eq(kioskPairingCodes.id, row.id));
        await recordAudit(tx, {
          actorId: row.createdBy,
          storeId: row.storeId,
          action: "device.paired",
          entityType: "user",
          entityId: device.id,
          after: { storeId: row.storeId, name, pairingCodeId: row.id },
        });
        return { ...device, storeId: row.storeId };
      })
    : null;
  if (!paired) {
    for (const bucket of buckets) await hitRateLimit(db, bucket);
    throw new DomainError("BAD_REQUEST", "pairingCodeInvalid", "the pairing code is wrong, expired or already used");
  }
  return paired;
}
