import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeLocalDatabase } from "./reset-local";

const scratch = mkdtempSync(path.join(os.tmpdir(), "canteen-reset-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function databaseFolder(name: string, pid?: number) {
  const dir = path.join(scratch, name, "pg");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "PG_VERSION"), "18\n");
  if (pid !== undefined) writeFileSync(path.join(dir, "postmaster.pid"), `${pid}\n${dir}\n`);
  return dir;
}

describe("npm run db:reset on the embedded database", () => {
  it("removes a stopped database folder, so the next start seeds afresh", () => {
    const dir = databaseFolder("stopped");
    expect(removeLocalDatabase(dir)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(removeLocalDatabase(dir)).toBe(false);
  });

  it("removes a folder whose server died without cleaning up", () => {
    const dir = databaseFolder("crashed", 2_147_483_646);
    expect(removeLocalDatabase(dir)).toBe(true);
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses while the database is running, and keeps it", () => {
    const dir = databaseFolder("running", process.pid);
    expect(() => removeLocalDatabase(dir)).toThrow(`Canteen's database is still running (process ${process.pid}). Stop npm start with Ctrl+C first, then reset.`);
    expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
  });
});
