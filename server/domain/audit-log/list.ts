import { and, asc, count, desc, eq, like, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditLog, stores, users } from "@/db/schema";

/** Dates are calendar days in the company's time zone, both ends included. */
const AUDIT_TIME_ZONE = "Asia/Seoul";

const isoDate = z.iso.date({ error: "dateInvalid" });

export const auditListInput = z
  .object({
    actorId: z.uuid().optional(),
    storeId: z.uuid().optional(),
    /** An exact action ("order.refund") or a family ending in a dot ("menu."). */
    action: z.string().trim().max(100).regex(/^[a-z_.]+$/).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict()
  .refine((value) => !value.from || !value.to || value.from <= value.to, { error: "dateRangeReversed", path: ["to"] });
export type AuditListInput = z.infer<typeof auditListInput>;

/** HR's view of the audit log: newest first, with who did it, filtered and a page at a time. */
export async function listAuditLog(args: { tx: DbOrTx; input: AuditListInput }) {
  const { tx, input } = args;
  const where: SQL[] = [];
  if (input.actorId) where.push(eq(auditLog.actorId, input.actorId));
  if (input.storeId) where.push(eq(auditLog.storeId, input.storeId));
  if (input.action) where.push(input.action.endsWith(".") ? like(auditLog.action, `${input.action}%`) : eq(auditLog.action, input.action));
  if (input.from) where.push(sql`${auditLog.createdAt} >= (${input.from}::date)::timestamp at time zone ${AUDIT_TIME_ZONE}`);
  if (input.to) where.push(sql`${auditLog.createdAt} < (${input.to}::date + 1)::timestamp at time zone ${AUDIT_TIME_ZONE}`);
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    tx
      .select({
        id: auditLog.id,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        requestId: auditLog.requestId,
        createdAt: auditLog.createdAt,
        actorId: auditLog.actorId,
        actorName: users.name,
        actorEmail: users.email,
        actorRole: users.role,
        storeId: auditLog.storeId,
        storeNameKo: stores.nameKo,
        storeNameEn: stores.nameEn,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(stores, eq(stores.id, auditLog.storeId))
      .where(condition)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    tx.select({ value: count() }).from(auditLog).where(condition),
  ]);
  return { rows, total: total?.value ?? 0, page: input.page, pageSize: input.pageSize };
}

/** What the filters offer: everyone who appears in the log, every action recorded, and every store. */
export async function auditFilterOptions(args: { tx: DbOrTx }) {
  const { tx } = args;
  const [actors, actions, storeList] = await Promise.all([
    tx
      .selectDistinct({ id: users.id, name: users.name, email: users.email, role: users.role })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorId))
      .orderBy(asc(users.name), asc(users.id)),
    tx.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    tx.select({ id: stores.id, code: stores.code, nameKo: stores.nameKo, nameEn: stores.nameEn }).from(stores).orderBy(asc(stores.createdAt), asc(stores.code)),
  ]);
  return { actors, actions: actions.map((row) => row.action), stores: storeList };
}

export type AuditValue = null | boolean | number | string | AuditValue[] | { [key: string]: AuditValue };
export type AuditChange = { path: string; before: AuditValue | undefined; after: AuditValue | undefined };

const isObject = (value: unknown): value is Record<string, AuditValue> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The fields that differ between before and after, as dotted paths ("choices.1.priceDelta"),
 * so a reviewer reads what changed instead of two JSON blobs.
 */
export function diffAudit(before: unknown, after: unknown, path = ""): AuditChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffAudit(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.every((v) => isObject(v)) && after.every((v) => isObject(v))) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => diffAudit(before[index], after[index], `${path}.${index}`)).flat();
  }
  if (before === undefined && isObject(after)) return diffAudit({}, after, path);
  if (after === undefined && isObject(before)) return diffAudit(before, {}, path);
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || "value", before: before as AuditValue | undefined, after: after as AuditValue | undefined }];
}
