import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledPostgresMajor, checkDataFolderVersion, checkPortFree, checkWritable, StartProblem } from "./preflight";

const scratch = mkdtempSync(path.join(os.tmpdir(), "canteen-preflight-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("start-up problems a newcomer can hit", () => {
  it("names a port that is taken and how to pick another", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "0.0.0.0", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      await expect(checkPortFree(port, "the web server", "start on another: PORT=3001 npm start")).rejects.toThrow(
        new StartProblem(`port ${port} (the web server) is already in use by another program. Stop it, or start on another: PORT=3001 npm start`),
      );
    } finally {
      holder.close();
    }
    await expect(checkPortFree(port, "the web server", "")).resolves.toBeUndefined();
  });

  it("says when the data folder comes from another PostgreSQL version", () => {
    const pgDir = path.join(scratch, "old", "pg");
    mkdirSync(pgDir, { recursive: true });
    writeFileSync(path.join(pgDir, "PG_VERSION"), "15\n");
    const bundled = bundledPostgresMajor();
    expect(bundled).toBeGreaterThanOrEqual(16);
    expect(() => checkDataFolderVersion(pgDir, bundled, "npm run db:reset")).toThrow(/made by PostgreSQL 15, but this Canteen runs PostgreSQL \d+.*npm run db:reset/);
    writeFileSync(path.join(pgDir, "PG_VERSION"), `${bundled}\n`);
    expect(() => checkDataFolderVersion(pgDir, bundled, "npm run db:reset")).not.toThrow();
    expect(() => checkDataFolderVersion(path.join(scratch, "none"), bundled, "")).not.toThrow();
  });

  it("says when the data folder cannot be written, and creates it when it can", () => {
    const locked = path.join(scratch, "locked");
    mkdirSync(locked);
    chmodSync(scratch, 0o755);
    chmodSync(locked, 0o555);
    // root may write anywhere, so as root the check runs as `nobody`, like an ordinary user would.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "-e", `import("./scripts/preflight.ts").then((m) => m.checkWritable(${JSON.stringify(path.join(locked, ".data"))}, "CANTEEN_DATA_DIR"))`],
      { cwd: process.cwd(), encoding: "utf8", ...asUser },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/cannot write to .*locked, where the demo database lives.*CANTEEN_DATA_DIR=\/tmp\/canteen-data npm start/);
    const fresh = path.join(scratch, "fresh", ".data");
    checkWritable(fresh, "CANTEEN_DATA_DIR");
    expect(existsSync(fresh)).toBe(true);
  });
});
