import type { Logger } from "pino";
import type { Db } from "@/db/client";
import type { FetchLike } from "@/server/providers/pg-http";
import { WebhookSender } from "./webhooks";

/** Everything the sandbox PG runs on: its books (a table of its own), its keys, where its webhooks go. */
export type SandboxPg = {
  db: Db;
  secretKey: string;
  clientKey: string;
  /** How long the "time-out" choice keeps the employee waiting before it fails. */
  timeoutMs: number;
  webhooks: WebhookSender;
  log: Logger;
  now: () => Date;
};

export function createSandboxPg(options: {
  db: Db;
  secretKey: string;
  clientKey: string;
  timeoutMs: number;
  webhookUrl: string;
  webhookSecret: string;
  webhookRetryMs: number;
  log: Logger;
  fetch?: FetchLike;
  now?: () => Date;
}): SandboxPg {
  return {
    db: options.db,
    secretKey: options.secretKey,
    clientKey: options.clientKey,
    timeoutMs: options.timeoutMs,
    log: options.log,
    now: options.now ?? (() => new Date()),
    webhooks: new WebhookSender({
      url: options.webhookUrl,
      secret: options.webhookSecret,
      retryMs: options.webhookRetryMs,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      log: options.log,
    }),
  };
}
