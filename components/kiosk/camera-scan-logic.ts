/**
 * The camera scanner's decisions that need no camera: which decoder to use, what a decoded
 * symbol means for payment, and how a failed camera start is explained.
 */
import { parsePayCode } from "@/lib/paycode";

/** The phone shows the pay code as a QR code and as a Code 128 barcode; either will do. */
export const SCAN_FORMATS = ["qr_code", "code_128"] as const;

/**
 * Where the kiosk fetches the fallback decoder's WebAssembly: our own origin (the counter has
 * no internet), with the version in the path so it can be cached for good.
 */
export function zxingWasmPath(version: string): string {
  return `/api/scanner/${encodeURIComponent(version)}/zxing_reader.wasm`;
}

export type DecoderChoice = { kind: "native"; formats: string[] } | { kind: "zxing" };

/**
 * The browser's own BarcodeDetector when it reads QR codes, else the ZXing ponyfill. Some
 * browsers (Chrome on Linux and Windows) define the class but support no format at all, so
 * the class alone proves nothing: its supported formats decide.
 */
export async function chooseDecoder(native: unknown): Promise<DecoderChoice> {
  if (typeof native !== "function" || !("getSupportedFormats" in native) || typeof native.getSupportedFormats !== "function") {
    return { kind: "zxing" };
  }
  let supported: unknown;
  try {
    supported = await native.getSupportedFormats();
  } catch {
    // A detector that cannot even list its formats cannot be trusted to read them.
    return { kind: "zxing" };
  }
  if (!Array.isArray(supported) || !supported.includes("qr_code")) return { kind: "zxing" };
  return { kind: "native", formats: SCAN_FORMATS.filter((format) => supported.includes(format)) };
}

/**
 * What one camera frame showed:
 * - `payCode`: exactly one pay code (its 18 digits), ready for the same path as a typed one;
 * - `several`: two different pay codes at once, so it is unclear whose to take;
 * - `notPayCode`: a code, but not a pay code (a web link, a product barcode);
 * - `nothing`: no code in the frame.
 */
export type ScanReading =
  | { kind: "payCode"; code: string }
  | { kind: "several" }
  | { kind: "notPayCode" }
  | { kind: "nothing" };

export function readScan(rawValues: readonly string[]): ScanReading {
  const codes = new Set<string>();
  let other = false;
  for (const raw of rawValues) {
    const digits = raw.trim().replace(/[\s-]/g, "");
    if (digits.length === 0) continue;
    if (parsePayCode(digits)) codes.add(digits);
    else other = true;
  }
  const [first, ...rest] = codes;
  if (first !== undefined && rest.length === 0) return { kind: "payCode", code: first };
  if (first !== undefined) return { kind: "several" };
  return other ? { kind: "notPayCode" } : { kind: "nothing" };
}

/**
 * Why the camera did not start, from getUserMedia's DOMException name:
 * - `denied`: the person or the browser's settings said no;
 * - `noCamera`: there is no camera (or none that meets the constraints);
 * - `busy`: another app or tab holds the camera;
 * - `failed`: anything else.
 */
export type CameraProblem = "denied" | "noCamera" | "busy" | "failed";

export function cameraProblem(error: unknown): CameraProblem {
  const name = typeof error === "object" && error !== null && "name" in error ? error.name : null;
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
    case "PermissionDeniedError":
      return "denied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "noCamera";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "busy";
    default:
      return "failed";
  }
}

/**
 * The rear camera when there is one (a phone held up to the tablet's back), any camera
 * otherwise: `ideal`, not `exact`, so a tablet with only a front camera still scans.
 */
export const CAMERA_CONSTRAINTS = {
  audio: false,
  video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
} satisfies MediaStreamConstraints;
