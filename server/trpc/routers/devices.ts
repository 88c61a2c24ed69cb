import { z } from "zod";
import { issuePairingCode } from "@/server/domain/devices/codes";
import { listDevices } from "@/server/domain/devices/list";
import { unpairDevice } from "@/server/domain/devices/unpair";
import { DomainError } from "@/server/domain/errors";
import { checkManagerPin, MANAGER_PIN_PATTERN } from "@/server/domain/people/manager-pin";
import { baristaProcedure, managerProcedure, router } from "../init";
import { currentTime } from "@/server/clock";

const managerStore = (storeId: string | null) => {
  if (!storeId) throw new DomainError("FORBIDDEN", "managerWithoutStore", "this manager has no store");
  return storeId;
};

export const devicesRouter = router({
  list: managerProcedure.query(({ ctx }) => listDevices({ tx: ctx.db, input: { storeId: managerStore(ctx.session.storeId) } })),
  issueCode: managerProcedure.mutation(({ ctx }) =>
    issuePairingCode({
      tx: ctx.db,
      input: { storeId: managerStore(ctx.session.storeId), managerId: ctx.session.id, now: currentTime(), requestId: ctx.requestId },
    }),
  ),
  unpair: managerProcedure.input(z.object({ deviceId: z.uuid() })).mutation(({ ctx, input }) =>
    unpairDevice({
      tx: ctx.db,
      input: {
        storeId: managerStore(ctx.session.storeId),
        managerId: ctx.session.id,
        deviceId: input.deviceId,
        now: currentTime(),
        requestId: ctx.requestId,
      },
    }),
  ),
  unlock: baristaProcedure
    .input(z.object({ pin: z.string().regex(MANAGER_PIN_PATTERN) }))
    .mutation(async ({ ctx, input }) => {
      await checkManagerPin(ctx.db, { storeId: ctx.storeId, pin: input.pin, clientKey: ctx.session.id, now: currentTime() });
      return { unlocked: true };
    }),
});
