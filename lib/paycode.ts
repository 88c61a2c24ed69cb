/**
 * The employee's one-time pay code: 9 digits of device number + a 9-digit TOTP (RFC 6238
 * over HMAC-SHA256, 30 s steps). Runs on the phone (offline) and on the server, so it uses
 * only Web Crypto and no Node modules.
 */

export const PAY_CODE_STEP_SECONDS = 30;
export const PAY_CODE_DEVICE_DIGITS = 9;
export const PAY_CODE_OTP_DIGITS = 9;
export const PAY_CODE_LENGTH = PAY_CODE_DEVICE_DIGITS + PAY_CODE_OTP_DIGITS;

const OTP_MODULUS = 10 ** PAY_CODE_OTP_DIGITS;
const SECRET_BYTES = 32;
const STEP_MS = PAY_CODE_STEP_SECONDS * 1000;

export type ParsedPayCode = { deviceNo: number; otp: string };

/** The TOTP time step `now` falls in: floor(unix seconds / 30). */
export function payCodeStep(now: Date): number {
  return Math.floor(Math.floor(now.getTime() / 1000) / PAY_CODE_STEP_SECONDS);
}

/** Whole seconds until the code on screen changes (1–30), for the countdown. */
export function secondsLeft(now: Date): number {
  const intoStep = ((now.getTime() % STEP_MS) + STEP_MS) % STEP_MS;
  return Math.ceil((STEP_MS - intoStep) / 1000);
}

/** A fresh device secret: 32 random bytes, base64url without padding. */
export function newDeviceSecret(): string {
  const bytes = new Uint8Array(SECRET_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToBase64Url(bytes);
}

/** Imports a device secret once, so checking several steps does not re-import it each time. */
export async function importPayCodeKey(secret: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("raw", base64UrlToBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** The 9-digit one-time password of `step`, zero-padded. */
export async function payCodeOtp(key: CryptoKey, step: number): Promise<string> {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`invalid pay code step ${step}`);
  const message = new ArrayBuffer(8);
  new DataView(message).setBigUint64(0, BigInt(step), false);
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", key, message));
  return String(truncate(mac) % OTP_MODULUS).padStart(PAY_CODE_OTP_DIGITS, "0");
}

/** The 18-digit code the phone shows (QR and barcode) for `now`. */
export async function generatePayCode(input: { secret: string; deviceNo: number; now: Date }): Promise<string> {
  const { deviceNo } = input;
  if (!Number.isInteger(deviceNo) || deviceNo < 0 || deviceNo >= 10 ** PAY_CODE_DEVICE_DIGITS) {
    throw new RangeError(`device number ${deviceNo} does not fit in ${PAY_CODE_DEVICE_DIGITS} digits`);
  }
  const otp = await payCodeOtp(await importPayCodeKey(input.secret), payCodeStep(input.now));
  return String(deviceNo).padStart(PAY_CODE_DEVICE_DIGITS, "0") + otp;
}

/** Splits a scanned or typed code; people type it with spaces or hyphens, scanners do not. */
export function parsePayCode(code: string): ParsedPayCode | null {
  const digits = code.replace(/[\s-]/g, "");
  if (!/^[0-9]+$/.test(digits) || digits.length !== PAY_CODE_LENGTH) return null;
  return {
    deviceNo: Number(digits.slice(0, PAY_CODE_DEVICE_DIGITS)),
    otp: digits.slice(PAY_CODE_DEVICE_DIGITS),
  };
}

/** Compares two OTPs without stopping at the first differing digit, so timing does not leak a prefix. */
export function otpEquals(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return difference === 0;
}

// RFC 4226 §5.3 dynamic truncation: 31 bits from an offset chosen by the MAC's last nibble.
function truncate(mac: Uint8Array): number {
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const byte = (i: number) => mac[offset + i] ?? 0;
  return ((byte(0) & 0x7f) * 2 ** 24) + (byte(1) << 16) + (byte(2) << 8) + byte(3);
}

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
