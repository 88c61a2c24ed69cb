import { createHash, randomInt } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { kioskPairingCodes } from "@/db/schema";
import { recordAudit } from "../audit";

/** Six digits: quick to type on a tablet; guessing is bounded by ten minutes, one use and the rate limit. */
export const PAIRING_CODE_PATTERN = /^[0-9]{6}$/;
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

export const hashPairingCode = (code: string) => createHash("sha256").update(`kiosk-pair:${code}`).digest("hex");

/** Issues a pairing code for the manager's store; the plain code is returned once and never stored. */
export async function issuePairingCode(args: {
  tx: DbOrTx;
  input: { storeId: string; managerId: string; now: Date; requestId?: string };
}): Promise<{ code: string; expiresAt: Date }> {
  const { tx, input } = args;
  const expiresAt = new Date(input.now.getTime() + PAIRING_CODE_TTL_MS);
  // Two live codes must never share digits, or redeeming one could pair the other store.
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const codeHash = hashPairingCode(code);
    const [clash] = await tx
      .select({ id: kioskPairingCodes.id })
      .from(kioskPairingCodes)
      .where(and(eq(kioskPairingCodes.codeHash, codeHash), isNull(kioskPairingCodes.usedAt), gt(kioskPairingCodes.expiresAt, input.now)));
    if (clash) continue;
    const [row] = await tx
      .insert(kioskPairingCodes)
      .values({ storeId: input.storeId, codeHash, createdBy: input.managerId, createdAt: input.now, expiresAt })
      .returning({ id: kioskPairingCodes.id });
    if (!row) throw new Error("pairing code insert returned no row");
    await recordAudit(tx, {
      actorId: input.managerId,
      storeId: input.storeId,
      action: "device.pairing_code_issued",
      entityType: "kiosk_pairing_code",
      entityId: row.id,
      after: { storeId: input.storeId, expiresAt },
      requestId: input.requestId,
    });
    return { code, expiresAt };
  }
  throw new Error("could not find a free pairing code");
}
