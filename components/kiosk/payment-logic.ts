/**
 * The payment screen's decisions that need no browser: how a failed call is explained,
 * which cash amounts to offer, and what a scanner or hand typing has entered.
 */
import { TRPCClientError } from "@trpc/client";
import { parsePayCode, PAY_CODE_LENGTH } from "@/lib/paycode";

/** The server refuses amounts above this (server/domain/money.ts MAX_WON); the keypad stops there. */
const MAX_WON = 10_000_000n;

export type Details = Record<string, string | number>;

/**
 * - `refused`: the server answered no; its transaction rolled back, nothing was charged.
 * - `uncertain`: no answer (Wi-Fi drop, server restart); the payment may have gone through,
 *   so the same attempt is retried with the same idempotency key, never a new one.
 */
export type PaymentFailure =
  | { kind: "refused"; messageKey: string; details: Details | null }
  | { kind: "uncertain" };

export function describeFailure(error: unknown): PaymentFailure {
  if (!(error instanceof TRPCClientError)) return { kind: "uncertain" };
  const data: unknown = error.data;
  if (!isRecord(data) || typeof data.code !== "string") return { kind: "uncertain" };
  const messageKey = typeof data.messageKey === "string" ? data.messageKey : null;
  // Still running (a copy of this very attempt holds the key) or failed inside: asking
  // again with the same key either returns the stored result or runs it once.
  if (messageKey === "requestInProgress" || data.code === "INTERNAL_SERVER_ERROR") return { kind: "uncertain" };
  return { kind: "refused", messageKey: messageKey ?? "generic", details: parseDetails(data.details) };
}

/** Worth re-sending at once, with the same key, before telling the barista. */
export function retriesSilently(error: unknown) {
  return describeFailure(error).kind === "uncertain";
}

/**
 * Message values for display: numbers with thousands separators (a shortfall of 12,000),
 * everything else as it came.
 */
export function displayDetails(details: Details | null, locale: string): Record<string, string> {
  const format = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US");
  return Object.fromEntries(
    Object.entries(details ?? {}).map(([key, value]) => [key, typeof value === "number" ? format.format(value) : value]),
  );
}

/** What a translator under `errors.` can do; next-intl's `useTranslations("errors")` is one. */
export type ErrorTranslator = { (key: string, values?: Record<string, string>): string; has(key: string): boolean };

/** The refusal in the barista's language, with its placeholders filled; unknown keys say "try again". */
export function refusalText(failure: Extract<PaymentFailure, { kind: "refused" }>, t: ErrorTranslator, locale: string): string {
  return t.has(failure.messageKey) ? t(failure.messageKey, displayDetails(failure.details, locale)) : t("generic");
}

/** A fresh key per payment attempt; `crypto.randomUUID` needs a secure context, which a LAN tablet may lack. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Why a typed or scanned code cannot be a pay code, checked before asking the server. */
export function payCodeProblem(code: string): "payCodeMalformed" | null {
  return parsePayCode(code) ? null : "payCodeMalformed";
}

/** Digits only, at most a little more than a code, so a stuck key cannot grow it forever. */
export function appendPayCodeDigit(code: string, digit: string): string {
  if (!/^[0-9]$/.test(digit)) return code;
  return (code + digit).slice(-(PAY_CODE_LENGTH + 6));
}

/**
 * Bills a customer is likely to hand over for `due`: the exact amount, then the next
 * 1,000 / 5,000 / 10,000 / 50,000 above it.
 */
export function cashSuggestions(due: bigint): bigint[] {
  if (due <= 0n) return [];
  const up = (step: bigint) => ((due + step - 1n) / step) * step;
  const candidates = [due, up(1_000n), up(5_000n), up(10_000n), up(50_000n)];
  const unique = [...new Set(candidates)].filter((amount) => amount <= MAX_WON);
  return unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 5);
}

/** The cash keypad: digits append, a ceiling keeps it below what the server accepts. */
export function appendCashDigits(amount: bigint, digits: string): bigint {
  if (!/^[0-9]+$/.test(digits)) return amount;
  const next = BigInt(`${amount}${digits}`);
  return next > MAX_WON ? amount : next;
}

export function dropCashDigit(amount: bigint): bigint {
  return amount / 10n;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function parseDetails(value: unknown): Details | null {
  if (!isRecord(value)) return null;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string | number] => typeof entry[1] === "string" || typeof entry[1] === "number",
  );
  return Object.fromEntries(entries);
}

/** At most this many people pay one order together (the server's limit too). */
export const GROUP_MAX_PAYERS = 10;

/**
 * A scanned or typed code added to a group payment (함께결제): checked for shape, refused
 * when the same code is already in, or when the group is full. Order is scan order.
 */
export function addGroupCode(
  codes: readonly string[],
  raw: string,
): { ok: true; codes: string[] } | { ok: false; problem: "payCodeMalformed" | "groupCodeRepeated" | "groupFull" } {
  const code = raw.replace(/[\s-]/g, "");
  if (payCodeProblem(code)) return { ok: false, problem: "payCodeMalformed" };
  if (codes.includes(code)) return { ok: false, problem: "groupCodeRepeated" };
  if (codes.length >= GROUP_MAX_PAYERS) return { ok: false, problem: "groupFull" };
  return { ok: true, codes: [...codes, code] };
}

/** A code on screen without giving it away: only its last four digits. */
export function maskPayCode(code: string): string {
  return `•••• ${code.slice(-4)}`;
}

/** Which of the scanned codes a refusal names (the server's details carry the device number). */
export function codeIndexOfDevice(codes: readonly string[], deviceNo: unknown): number {
  if (typeof deviceNo !== "number") return -1;
  return codes.findIndex((code) => parsePayCode(code)?.deviceNo === deviceNo);
}
