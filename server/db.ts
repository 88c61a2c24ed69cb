import "server-only";
import os from "node:os";
import { appDatabase } from "@/db/client";
import { env } from "./env";

/**
 * Each process names its pool's connections apart (pg_stat_activity.application_name), so
 * /api/metrics can report this replica's pool usage.
 */
// In a pod every replica is pid 1; the host name (the pod's name) tells them apart.
export const POOL_APPLICATION_NAME = `canteen-app-${os.hostname()}-${process.pid}`.slice(0, 63);

function pool() {
  const current = env();
  return appDatabase(current.DATABASE_URL, current.DB_POOL_MAX, { applicationName: POOL_APPLICATION_NAME, prepare: current.DB_PREPARE });
}

/** The app's one connection pool. */
export function db() {
  return pool().db;
}

/** The pool's postgres.js client. */
export function sqlClient() {
  return pool().sql;
}
