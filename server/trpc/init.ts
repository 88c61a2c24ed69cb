import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import type { UserRole } from "@/db/schema/users";
import type { SessionUser } from "@/server/auth/roles";
import { DomainError, type DomainErrorCode } from "@/server/domain/errors";
import { logger } from "@/server/log";
import { metrics, PAYMENT_PROCEDURES } from "@/server/metrics";

export type Context = {
  db: Db;
  session: SessionUser | null;
  requestId: string;
  log: Logger;
};

/** Who may call a procedure; every procedure states it (see the role test in root.test.ts). */
export type Meta = { access: "public" | readonly UserRole[] };

/** Builds a context without HTTP, for tests and server components. */
export function createInnerContext(input: { db: Db; session: SessionUser | null; requestId?: string }): Context {
  const requestId = input.requestId ?? crypto.randomUUID();
  return { db: input.db, session: input.session, requestId, log: logger.child({ requestId }) };
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field-level messages for forms: { fieldName: [message, ...] }.
          fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : null,
          messageKey: cause instanceof DomainError ? cause.messageKey : null,
          details: cause instanceof DomainError ? (cause.details ?? null) : null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const trpcCodeFor: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

// The one place where domain errors become tRPC errors.
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeFor[cause.code], message: cause.message, cause });
  }
  return result;
});

// Latency of every procedure, and payments by outcome, for /api/metrics.
const measure = t.middleware(async ({ path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const status = result.ok ? "ok" : result.error.code;
  const { trpcDuration, payments } = metrics();
  trpcDuration.observe({ procedure: path, type, status }, (performance.now() - started) / 1000);
  if (PAYMENT_PROCEDURES.has(path)) {
    const cause = result.ok ? null : result.error.cause;
    payments.inc({ procedure: path, outcome: result.ok ? "paid" : cause instanceof DomainError ? cause.messageKey : status });
  }
  return result;
});

const baseProcedure = t.procedure.use(measure).use(mapDomainErrors);

export const publicProcedure = baseProcedure.meta({ access: "public" });

/** A procedure only the given roles may call; checked before the input is parsed. */
export function roleProcedure<const Roles extends readonly UserRole[]>(...roles: Roles) {
  return baseProcedure.meta({ access: roles }).use(({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
    if (!roles.includes(ctx.session.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs the role ${roles.join(" or ")}` });
    }
    return next({ ctx: { ...ctx, session: ctx.session as SessionUser & { role: Roles[number] } } });
  });
}

export const employeeProcedure = roleProcedure("employee");
export const hrProcedure = roleProcedure("hr_admin");
export const managerProcedure = roleProcedure("store_manager");

/** A kiosk acts for exactly one store; a barista account without one cannot do anything. */
export const baristaProcedure = roleProcedure("barista").use(({ ctx, next }) => {
  const storeId = ctx.session.storeId;
  if (!storeId) throw new TRPCError({ code: "FORBIDDEN", message: "this kiosk is not paired with a store" });
  return next({ ctx: { ...ctx, storeId } });
});
