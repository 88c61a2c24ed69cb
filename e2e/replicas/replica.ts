/**
 * Extra replicas for the replica specs: scripts/serve.ts (the production entry, on the same
 * production build) on another port, against the e2e database the main server uses.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildStandalone, STANDALONE } from "../../scripts/build-standalone";
import { E2E_DATABASE_FILE } from "../database-file";

export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123";

export type Replica = {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
};

/**
 * `standalone`: what the container runs — `node serve.mjs` in .next/standalone (built by
 * scripts/build-standalone.ts); otherwise scripts/serve.ts through tsx in the repository.
 */
export async function startReplica(port: number, extraEnv: Record<string, string> = {}, options: { standalone?: boolean } = {}): Promise<Replica> {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const entry = options.standalone ? [await buildStandalone()] : ["--import", "tsx", path.join(root, "scripts", "serve.ts")];
  const child = spawn(process.execPath, entry, {
    cwd: options.standalone ? STANDALONE : root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: readFileSync(E2E_DATABASE_FILE, "utf8").trim(),
      AUTH_SECRET: E2E_AUTH_SECRET,
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      PG_SANDBOX_URL: `http://127.0.0.1:${port}`,
      ...extraEnv,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`replica on ${port} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`replica on ${port} not ready in 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return { port, baseUrl, child, exited, stop };
}

export type SseMessage = { id: string | null; event: string; data: string };

/** An open server-sent event stream read as it arrives. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream ${url}: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const messages: (SseMessage & { at: number })[] = [];
  let ended = false;
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(":")) continue;
          const field = (name: string) => block.split("\n").find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
          messages.push({ id: field("id"), event: field("event") ?? "message", data: field("data") ?? "", at: performance.now() });
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
    }
  })();
  return {
    messages,
    ended: () => ended,
    orders: () => messages.filter((m) => m.event === "order").map((m) => ({ id: Number(m.id), at: m.at, ...(JSON.parse(m.data) as { orderId: string; status: string }) })),
    async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value) return value;
        if (performance.now() > deadline) throw new Error(`stream ${url}: nothing in ${timeoutMs} ms (${messages.length} messages)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => controller.abort(),
  };
}
