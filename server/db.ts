import "server-only";
import { appDatabase } from "@/db/client";
import { env } from "./env";

/** The app's one connection pool. */
export function db() {
  const current = env();
  return appDatabase(current.DATABASE_URL, current.DB_POOL_MAX).db;
}

/** The pool's postgres.js client, for LISTEN (which needs a connection of its own). */
export function sqlClient() {
  const current = env();
  return appDatabase(current.DATABASE_URL, current.DB_POOL_MAX).sql;
}
