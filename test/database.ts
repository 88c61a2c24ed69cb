import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { connect, type Database } from "../db/client";

export const TEMPLATE_DATABASE = "canteen_template";

export type TestDatabase = Database & { url: string; name: string };

export function databaseUrl(database: string) {
  const parsed = new URL(inject("adminDatabaseUrl"));
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A database of the test file's own: an empty one, or a copy of the migrated template. */
export async function createTestDatabase(options: { from?: "template" | "empty"; poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(
      options.from === "empty" ? `create database ${name}` : `create database ${name} template ${TEMPLATE_DATABASE}`,
    );
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const database = connect(url, { max: options.poolSize ?? 10 });
  return {
    ...database,
    url,
    name,
    close: async () => {
      await database.close();
      const cleanup = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
