import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { payDevices } from "@/db/schema";
import { recordAudit } from "../audit";
import { notFound } from "../errors";
import { revokePayDevice } from "./register-device";

/**
 * HR stops an employee's phone from paying (a lost phone, someone who left). The device must
 * belong to that employee; the change goes to the audit log with its state before and after.
 */
export async function revokeEmployeePayDevice(args: {
  tx: DbOrTx;
  input: { employeeId: string; deviceId: string; actorId: string; requestId?: string | null };
}) {
  const { tx, input } = args;
  const [before] = await tx
    .select({ status: payDevices.status, revokedAt: payDevices.revokedAt, label: payDevices.label, deviceNo: payDevices.deviceNo })
    .from(payDevices)
    .where(and(eq(payDevices.id, input.deviceId), eq(payDevices.userId, input.employeeId)))
    .for("update");
  if (!before) throw notFound("payDeviceNotFound", `pay device ${input.deviceId} of ${input.employeeId} not found`);
  const after = await revokePayDevice({ tx, input: { deviceId: input.deviceId, userId: input.employeeId } });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "pay_device.revoke",
    entityType: "pay_device",
    entityId: input.deviceId,
    before,
    after: { status: after.status, revokedAt: after.revokedAt, label: before.label, deviceNo: after.deviceNo },
    requestId: input.requestId ?? null,
  });
  return after;
}
