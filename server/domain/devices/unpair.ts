import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { kioskPairingCodes, users } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";

/** Unpairs a tablet of the manager's store: its account leaves, so its next request signs it out. */
export async function unpairDevice(args: {
  tx: DbOrTx;
  input: { storeId: string; managerId: string; deviceId: string; now: Date; requestId?: string };
}) {
  const { tx, input } = args;
  const [device] = await tx
    .select({ id: users.id, name: users.name })
    .from(kioskPairingCodes)
    .innerJoin(users, eq(users.id, kioskPairingCodes.deviceUserId))
    .where(and(eq(users.id, input.deviceId), eq(kioskPairingCodes.storeId, input.storeId), eq(users.status, "active")));
  // Another store's device reads as missing, so a manager cannot probe other stores.
  if (!device) throw new DomainError("NOT_FOUND", "deviceNotFound", "no paired device with that id in this store");
  await tx.update(users).set({ status: "left", updatedAt: input.now }).where(eq(users.id, device.id));
  await recordAudit(tx, {
    actorId: input.managerId,
    storeId: input.storeId,
    action: "device.unpaired",
    entityType: "user",
    entityId: device.id,
    before: { status: "active", name: device.name },
    after: { status: "left" },
    requestId: input.requestId,
  });
}
