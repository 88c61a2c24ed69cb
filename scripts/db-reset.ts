/**
 * `npm run db:reset`: starts the local demo over. The embedded database folder is removed, so
 * the next `npm start` creates, migrates and seeds a fresh one. With DATABASE_URL set it empties
 * that database instead, but only when asked twice (`npm run db:reset -- --yes`).
 */
import path from "node:path";
import postgres from "postgres";
import { DATA_DIR } from "./local-database";
import { removeLocalDatabase } from "./reset-local";
import { StartProblem } from "./preflight";

try {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!process.argv.includes("--yes")) {
      throw new StartProblem(`DATABASE_URL is set: this would delete every table in ${new URL(url).pathname.slice(1)}. Run again with --yes: npm run db:reset -- --yes`);
    }
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql.unsafe("drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;");
    await sql.end();
    console.log("emptied the database at DATABASE_URL; the next npm start (or npm run db:migrate && npm run db:seed) fills it again");
  } else {
    const removed = removeLocalDatabase(path.join(DATA_DIR, "pg"));
    console.log(removed ? `removed ${path.join(DATA_DIR, "pg")}; the next npm start loads fresh demo data` : "there was no local database yet");
  }
} catch (error) {
  console.error(error instanceof StartProblem ? `db:reset refused: ${error.message}` : error);
  process.exit(1);
}
