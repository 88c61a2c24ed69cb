import { z } from "zod";
import { listPayDevices, registerPayDevice, revokePayDevice } from "@/server/domain/paycode/register-device";
import { revokeEmployeePayDevice } from "@/server/domain/paycode/revoke-by-hr";
import { employeeProcedure, hrProcedure, router } from "../init";

/** What the phone calls itself in the device list ("iPhone · Safari"); people see it, so keep it short. */
export const deviceLabel = z.string().trim().min(1).max(60);

export const payDevicesRouter = router({
  /** Registers this phone; the answer holds the secret, which no later call returns. */
  register: employeeProcedure
    .input(z.object({ label: deviceLabel }).strict())
    .mutation(({ ctx, input }) => registerPayDevice({ tx: ctx.db, input: { userId: ctx.session.id, label: input.label } })),
  list: employeeProcedure.query(({ ctx }) => listPayDevices({ tx: ctx.db, input: { userId: ctx.session.id } })),
  revoke: employeeProcedure
    .input(z.object({ deviceId: z.uuid() }).strict())
    .mutation(({ ctx, input }) => revokePayDevice({ tx: ctx.db, input: { deviceId: input.deviceId, userId: ctx.session.id } })),
  /** HR: an employee's phones, to revoke a lost one. */
  ofEmployee: hrProcedure
    .input(z.object({ employeeId: z.uuid() }).strict())
    .query(({ ctx, input }) => listPayDevices({ tx: ctx.db, input: { userId: input.employeeId } })),
  revokeOfEmployee: hrProcedure
    .input(z.object({ employeeId: z.uuid(), deviceId: z.uuid() }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) =>
        revokeEmployeePayDevice({
          tx,
          input: { employeeId: input.employeeId, deviceId: input.deviceId, actorId: ctx.session.id, requestId: ctx.requestId },
        }),
      ),
    ),
});
