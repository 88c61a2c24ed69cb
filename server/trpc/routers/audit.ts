import { auditFilterOptions, auditListInput, listAuditLog } from "@/server/domain/audit-log/list";
import { hrProcedure, router } from "../init";

export const auditRouter = router({
  list: hrProcedure.input(auditListInput).query(({ ctx, input }) => listAuditLog({ tx: ctx.db, input })),
  filters: hrProcedure.query(({ ctx }) => auditFilterOptions({ tx: ctx.db })),
});
