import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { payDevices, users } from "@/db/schema";
import { newDeviceSecret } from "@/lib/paycode";
import { DomainError, notFound } from "../errors";

/**
 * Registers the employee's phone for pay codes. The secret is returned only here: the phone
 * keeps it to make codes offline, and no later read hands it out again.
 */
export async function registerPayDevice(args: { tx: DbOrTx; input: { userId: string; label: string } }) {
  const { tx, input } = args;
  // Shared lock: a suspension running at the same moment waits, rather than racing the insert.
  const [user] = await tx
    .select({ role: users.role, status: users.status })
    .from(users)
    .where(eq(users.id, input.userId))
    .for("share");
  if (!user) throw notFound("userNotFound", `user ${input.userId} not found`);
  if (user.role !== "employee" || user.status !== "active") {
    throw new DomainError("FORBIDDEN", "payDeviceNotEligible", `user ${input.userId} (${user.role}, ${user.status}) cannot register a pay device`);
  }

  const secret = newDeviceSecret();
  const [device] = await tx
    .insert(payDevices)
    .values({ userId: input.userId, label: input.label, secret })
    .returning({ deviceId: payDevices.id, deviceNo: payDevices.deviceNo });
  if (!device) throw new Error("pay device insert returned no row");
  return { deviceId: device.deviceId, deviceNo: device.deviceNo, secret };
}

/**
 * Stops a device's codes from being accepted. With `userId` (the employee revoking their own
 * phone) another person's device is reported as not found, so ids cannot be probed.
 * Revoking twice keeps the first revocation time.
 */
export async function revokePayDevice(args: { tx: DbOrTx; input: { deviceId: string; userId?: string } }) {
  const { tx, input } = args;
  const [device] = await tx
    .update(payDevices)
    .set({ status: "revoked", revokedAt: sql`coalesce(${payDevices.revokedAt}, now())` })
    .where(
      and(
        eq(payDevices.id, input.deviceId),
        input.userId === undefined ? undefined : eq(payDevices.userId, input.userId),
      ),
    )
    .returning({ deviceId: payDevices.id, deviceNo: payDevices.deviceNo, status: payDevices.status, revokedAt: payDevices.revokedAt });
  if (!device) throw notFound("payDeviceNotFound", `pay device ${input.deviceId} not found`);
  return device;
}

/** The employee's registered phones, newest first; never the secrets. */
export async function listPayDevices(args: { tx: DbOrTx; input: { userId: string } }) {
  return args.tx
    .select({
      deviceId: payDevices.id,
      deviceNo: payDevices.deviceNo,
      label: payDevices.label,
      status: payDevices.status,
      createdAt: payDevices.createdAt,
      revokedAt: payDevices.revokedAt,
    })
    .from(payDevices)
    .where(eq(payDevices.userId, args.input.userId))
    .orderBy(desc(payDevices.createdAt), desc(payDevices.deviceNo));
}
