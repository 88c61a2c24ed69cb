import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type DbOrTx = Db | Tx;

export type Database = { db: Db; sql: postgres.Sql; close: () => Promise<void> };

export type ConnectOptions = { max?: number; applicationName?: string; prepare?: boolean };

export function connect(url: string, options: ConnectOptions = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? true,
    onnotice: () => {},
    // Each connection works in UTC; stores convert to their own time zone explicitly.
    // lock_timeout: a request blocked behind another (e.g. a retry waiting for the first
    // copy of an idempotent payment) gives up after 10 s and is told to retry.
    // idle_in_transaction_session_timeout: an app process that hangs mid-transaction (its
    // host frozen, not killed) releases the accounts and keys it holds after 30 s.
    connection: { TimeZone: "UTC", application_name: options.applicationName ?? "canteen", lock_timeout: 10_000, idle_in_transaction_session_timeout: 30_000 },
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

// One pool per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { canteenDatabase?: Database };

export function appDatabase(url: string, max: number, options: Omit<ConnectOptions, "max"> = {}): Database {
  globalForDb.canteenDatabase ??= connect(url, { max, ...options });
  return globalForDb.canteenDatabase;
}

export async function closeAppDatabase() {
  const current = globalForDb.canteenDatabase;
  globalForDb.canteenDatabase = undefined;
  await current?.close();
}
