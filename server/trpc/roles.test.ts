import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRole, type UserRole } from "@/db/schema/users";
import { seed } from "@/db/seed";
import { loadActiveUser } from "@/server/auth/users";
import type { SessionUser } from "@/server/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createInnerContext, type Meta } from "./init";
import { appRouter, createCaller } from "./root";

/**
 * Every procedure of the router, found by walking it: a new procedure is covered the
 * moment it is added, and one that does not state who may call it fails here.
 */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta; type: string } }>);

const accountFor: Record<UserRole, string> = {
  employee: "employee01@canteen.dev",
  barista: "kiosk.cafe@canteen.dev",
  store_manager: "manager@canteen.dev",
  hr_admin: "hr@canteen.dev",
};

async function call(session: SessionUser | null, path: string, db: TestDatabase["db"]) {
  const caller = createCaller(createInnerContext({ db, session })) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    await (fn as (input: unknown) => Promise<unknown>)(undefined);
    return "ok";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "unexpected";
  }
}

describe("every tRPC procedure checks the caller's role", () => {
  let database: TestDatabase;
  const sessions = new Map<UserRole, SessionUser>();
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    for (const role of userRole.enumValues) {
      const user = await loadActiveUser(database.db, { email: accountFor[role] });
      if (!user) throw new Error(`no demo user for ${role}`);
      sessions.set(role, user);
    }
  });
  afterAll(() => database.close());

  it("finds the procedures", () => {
    expect(procedures.length).toBeGreaterThan(3);
  });

  it.each(procedures.map(([path, procedure]) => [path, procedure._def.meta?.access] as const))(
    "%s states who may call it and refuses everyone else",
    async (path, access) => {
      expect(access, `${path} has no access meta: build it from a role procedure`).toBeDefined();
      if (access === "public") {
        expect(await call(null, path, database.db)).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
        return;
      }
      expect(await call(null, path, database.db)).toBe("UNAUTHORIZED");
      for (const role of userRole.enumValues) {
        const outcome = await call(sessions.get(role) ?? null, path, database.db);
        if (access?.includes(role)) expect(outcome, `${role} on ${path}`).not.toMatch(/UNAUTHORIZED|FORBIDDEN/);
        else expect(outcome, `${role} on ${path}`).toBe("FORBIDDEN");
      }
    },
  );
});
