/**
 * Completes Next.js's standalone output (.next/standalone, after `next build`) into what the
 * container runs: the server entry scripts/serve.ts bundled as serve.mjs (next and pino stay
 * outside: the standalone node_modules has them; everything else, zod included, is bundled),
 * plus public/ and .next/static, which Next.js leaves out. The Dockerfile and the replica e2e
 * specs both use it, so the specs run the image's entry.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const STANDALONE = path.join(ROOT, ".next", "standalone");

export async function buildStandalone() {
  if (!existsSync(path.join(STANDALONE, ".next", "BUILD_ID"))) throw new Error("no .next/standalone: run next build first");
  await build({
    entryPoints: [path.join(ROOT, "scripts", "serve.ts")],
    outfile: path.join(STANDALONE, "serve.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["next", "pino"],
    logLevel: "warning",
  });
  for (const [from, to] of [
    [path.join(ROOT, "public"), path.join(STANDALONE, "public")],
    [path.join(ROOT, ".next", "static"), path.join(STANDALONE, ".next", "static")],
  ] as const) {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  }
  return path.join(STANDALONE, "serve.mjs");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`standalone server entry: ${path.relative(ROOT, await buildStandalone())}`);
}
