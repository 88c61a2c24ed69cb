import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  PAY_CODE_STEP_SECONDS,
  generatePayCode,
  importPayCodeKey,
  newDeviceSecret,
  otpEquals,
  parsePayCode,
  payCodeOtp,
  payCodeStep,
  secondsLeft,
} from "./paycode";

// Bytes 0..31, base64url.
const SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
const NOW = new Date("2025-06-02T03:00:05Z");

/** The same TOTP computed a second way, with Node's own HMAC, to check the Web Crypto path. */
function nodeOtp(secret: string, step: number) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha256", Buffer.from(secret, "base64url")).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 1_000_000_000).padStart(9, "0");
}

describe("pay code", () => {
  it("is the device number followed by a stable one-time password", async () => {
    const code = await generatePayCode({ secret: SECRET, deviceNo: 100_000_001, now: NOW });
    expect(code).toBe("100000001062275536");
    expect(code).toBe(`100000001${nodeOtp(SECRET, payCodeStep(NOW))}`);
  });

  it("matches the RFC 6238 SHA-256 test vectors in its last 8 digits, including steps past 32 bits", async () => {
    const key = await importPayCodeKey(Buffer.from("12345678901234567890123456789012").toString("base64url"));
    const vectors: [number, string][] = [
      [59, "46119246"],
      [1111111109, "68084774"],
      [1234567890, "91819424"],
      [20000000000, "77737706"],
    ];
    for (const [seconds, expected] of vectors) {
      expect((await payCodeOtp(key, Math.floor(seconds / 30))).slice(1)).toBe(expected);
    }
  });

  it("stays the same within a 30-second step and changes at the next", async () => {
    const stepStart = new Date(payCodeStep(NOW) * PAY_CODE_STEP_SECONDS * 1000);
    const sameStep = new Date(stepStart.getTime() + 29_999);
    const nextStep = new Date(stepStart.getTime() + 30_000);
    const code = (now: Date) => generatePayCode({ secret: SECRET, deviceNo: 100_000_001, now });
    expect(await code(sameStep)).toBe(await code(stepStart));
    expect(await code(nextStep)).not.toBe(await code(stepStart));
    expect(await code(nextStep)).toBe(`100000001${nodeOtp(SECRET, payCodeStep(nextStep))}`);
    expect(payCodeStep(nextStep)).toBe(payCodeStep(stepStart) + 1);
  });

  it("differs between devices with different secrets", async () => {
    const other = newDeviceSecret();
    expect(other).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(other, "base64url")).toHaveLength(32);
    expect(newDeviceSecret()).not.toBe(other);
    const mine = await generatePayCode({ secret: SECRET, deviceNo: 100_000_001, now: NOW });
    const theirs = await generatePayCode({ secret: other, deviceNo: 100_000_001, now: NOW });
    expect(theirs.slice(9)).toBe(nodeOtp(other, payCodeStep(NOW)));
    expect(theirs).not.toBe(mine);
  });

  it("counts down the seconds to the next code", () => {
    const stepStart = payCodeStep(NOW) * PAY_CODE_STEP_SECONDS * 1000;
    expect(secondsLeft(new Date(stepStart))).toBe(30);
    expect(secondsLeft(new Date(stepStart + 500))).toBe(30);
    expect(secondsLeft(new Date(stepStart + 29_001))).toBe(1);
  });

  it("parses 18 digits, allowing the spaces and hyphens people type", () => {
    expect(parsePayCode("100000001062275536")).toEqual({ deviceNo: 100_000_001, otp: "062275536" });
    expect(parsePayCode(" 100000001-062 275 536 ")).toEqual({ deviceNo: 100_000_001, otp: "062275536" });
  });

  it("rejects codes of the wrong length or with letters", () => {
    for (const code of ["", "10000000106227553", "1000000010622755361", "10000000106227553a", "１00000001062275536", "+10000000106227553", "100000001.62275536"]) {
      expect(parsePayCode(code), code).toBeNull();
    }
  });

  it("refuses a device number that does not fit in nine digits", async () => {
    await expect(generatePayCode({ secret: SECRET, deviceNo: 1_000_000_000, now: NOW })).rejects.toBeInstanceOf(RangeError);
  });

  it("compares one-time passwords exactly", () => {
    expect(otpEquals("062275536", "062275536")).toBe(true);
    expect(otpEquals("062275536", "062275537")).toBe(false);
    expect(otpEquals("062275536", "06227553")).toBe(false);
  });
});
