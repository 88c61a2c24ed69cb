import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { kioskPairingCodes, users } from "@/db/schema";

/** The store's paired kiosk tablets that are still signed in (not unpaired). */
export async function listDevices(args: { tx: DbOrTx; input: { storeId: string } }) {
  return args.tx
    .select({ id: users.id, name: users.name, pairedAt: kioskPairingCodes.usedAt })
    .from(kioskPairingCodes)
    .innerJoin(users, eq(users.id, kioskPairingCodes.deviceUserId))
    .where(and(eq(kioskPairingCodes.storeId, args.input.storeId), eq(users.status, "active")))
    .orderBy(desc(kioskPairingCodes.usedAt));
}
