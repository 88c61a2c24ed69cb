import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { TEMPLATE_DATABASE } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/**
 * One throwaway PostgreSQL for the run (or TEST_DATABASE_URL's server), with a migrated
 * template database that every test file clones into a database of its own.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "canteen-test-"));
    const port = 56000 + Math.floor(Math.random() * 4000);
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, throwaway: true });
    adminUrl = cluster.adminUrl;
    stop = async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DATABASE));

  project.provide("adminDatabaseUrl", adminUrl);
  return stop;
}

function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
