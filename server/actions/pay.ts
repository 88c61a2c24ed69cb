"use server";

import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "@/server/domain/errors";
import { serverApi } from "@/server/trpc/server";
import { deviceLabel } from "@/server/trpc/routers/pay-devices";

/**
 * The pay app's calls from the phone, as server actions over the same tRPC procedures (role
 * checks, validation, domain). Actions ride on Next's own client runtime, so /pay ships no
 * query library and stays within its first-load budget.
 */
export type PayResult<T> = { ok: true; data: T } | { ok: false; error: string; unauthorized?: boolean };

async function run<T>(call: () => Promise<T>): Promise<PayResult<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof DomainError) return { ok: false, error: error.cause.messageKey };
    if (error instanceof TRPCError) return { ok: false, error: "generic", unauthorized: error.code === "UNAUTHORIZED" };
    throw error;
  }
}

export async function registerPayDeviceAction(label: string) {
  const parsed = deviceLabel.safeParse(label);
  return run(async () => (await serverApi()).payDevices.register({ label: parsed.success ? parsed.data : "Phone" }));
}

export async function listPayDevicesAction() {
  return run(async () => (await serverApi()).payDevices.list());
}

export async function revokePayDeviceAction(deviceId: string) {
  const parsed = z.uuid().safeParse(deviceId);
  if (!parsed.success) return { ok: false, error: "payDeviceNotFound" } as const;
  return run(async () => (await serverApi()).payDevices.revoke({ deviceId: parsed.data }));
}

export async function payHomeAction() {
  return run(async () => (await serverApi()).payApp.home());
}

export async function signOutEverywhereAction() {
  return run(async () => (await serverApi()).payApp.signOutEverywhere());
}

const pushEndpoint = z.url().max(2048);

/** Whether this phone's push subscription is on file for the signed-in employee. */
export async function pushStatusAction(endpoint: string) {
  const parsed = pushEndpoint.safeParse(endpoint);
  if (!parsed.success) return { ok: false, error: "generic" } as const;
  return run(async () => (await serverApi()).push.status({ endpoint: parsed.data }));
}

export async function pushPublicKeyAction() {
  return run(async () => (await serverApi()).push.publicKey());
}

export async function pushSubscribeAction(subscription: { endpoint: string; keys: { p256dh: string; auth: string }; userAgent?: string }) {
  return run(async () => (await serverApi()).push.subscribe(subscription));
}

export async function pushUnsubscribeAction(endpoint: string) {
  const parsed = pushEndpoint.safeParse(endpoint);
  if (!parsed.success) return { ok: false, error: "generic" } as const;
  return run(async () => (await serverApi()).push.unsubscribe({ endpoint: parsed.data }));
}
