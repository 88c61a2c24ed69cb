import { describe, expect, it } from "vitest";
import { cameraProblem, chooseDecoder, readScan, zxingWasmPath } from "./camera-scan-logic";

const PAY_CODE = "000000042123456789";

/** A stand-in for a browser's BarcodeDetector class: only its static format list matters here. */
function detectorClass(getSupportedFormats: () => Promise<unknown>) {
  return Object.assign(class {}, { getSupportedFormats });
}

describe("chooseDecoder", () => {
  it("uses the browser's BarcodeDetector when it reads QR codes, asking for Code 128 too where offered", async () => {
    const native = detectorClass(async () => ["aztec", "code_128", "ean_13", "qr_code"]);
    expect(await chooseDecoder(native)).toEqual({ kind: "native", formats: ["qr_code", "code_128"] });
  });

  it("asks a native detector only for QR when it has no Code 128", async () => {
    const native = detectorClass(async () => ["qr_code", "data_matrix"]);
    expect(await chooseDecoder(native)).toEqual({ kind: "native", formats: ["qr_code"] });
  });

  it("falls back to ZXing when there is no BarcodeDetector at all", async () => {
    expect(await chooseDecoder(undefined)).toEqual({ kind: "zxing" });
    expect(await chooseDecoder({})).toEqual({ kind: "zxing" });
  });

  it("falls back to ZXing when the class exists but reads no QR codes (Chrome on Linux and Windows)", async () => {
    expect(await chooseDecoder(detectorClass(async () => []))).toEqual({ kind: "zxing" });
    expect(await chooseDecoder(detectorClass(async () => ["code_128", "ean_13"]))).toEqual({ kind: "zxing" });
  });

  it("falls back to ZXing when the format list fails or is not a list", async () => {
    expect(await chooseDecoder(detectorClass(() => Promise.reject(new Error("NotSupportedError"))))).toEqual({ kind: "zxing" });
    expect(await chooseDecoder(detectorClass(async () => "qr_code"))).toEqual({ kind: "zxing" });
  });
});

describe("readScan", () => {
  it("turns a pay code symbol into its 18 digits", () => {
    expect(readScan([PAY_CODE])).toEqual({ kind: "payCode", code: PAY_CODE });
  });

  it("accepts the digits with spaces, hyphens or a trailing newline, as some encoders add", () => {
    expect(readScan(["000000042 123-456-789\n"])).toEqual({ kind: "payCode", code: PAY_CODE });
  });

  it("takes a code seen as both QR and Code 128 in one frame as one code", () => {
    expect(readScan([PAY_CODE, PAY_CODE])).toEqual({ kind: "payCode", code: PAY_CODE });
  });

  it("prefers the pay code when something else is also in the frame", () => {
    expect(readScan(["https://example.com", PAY_CODE])).toEqual({ kind: "payCode", code: PAY_CODE });
  });

  it("refuses to guess between two different pay codes", () => {
    expect(readScan([PAY_CODE, "000000043987654321"])).toEqual({ kind: "several" });
  });

  it("names codes that are not pay codes: links, product barcodes, too few or too many digits", () => {
    for (const raw of ["https://canteen.dev/pay", "8801234567893", "00000004212345678", "0000000421234567890", "00000004212345678x"]) {
      expect(readScan([raw]), raw).toEqual({ kind: "notPayCode" });
    }
  });

  it("reports nothing for an empty frame or empty symbols", () => {
    expect(readScan([])).toEqual({ kind: "nothing" });
    expect(readScan(["", "  "])).toEqual({ kind: "nothing" });
  });
});

describe("cameraProblem", () => {
  it("tells a refused permission from a missing, busy or broken camera", () => {
    expect(cameraProblem(new DOMException("Permission denied", "NotAllowedError"))).toBe("denied");
    expect(cameraProblem(new DOMException("insecure", "SecurityError"))).toBe("denied");
    expect(cameraProblem(new DOMException("Requested device not found", "NotFoundError"))).toBe("noCamera");
    expect(cameraProblem({ name: "OverconstrainedError", constraint: "facingMode" })).toBe("noCamera");
    expect(cameraProblem(new DOMException("Could not start video source", "NotReadableError"))).toBe("busy");
    expect(cameraProblem(new TypeError("bad constraints"))).toBe("failed");
    expect(cameraProblem("boom")).toBe("failed");
  });
});

describe("zxingWasmPath", () => {
  it("puts the decoder's version in the path, so a new version is never served from an old cache", () => {
    expect(zxingWasmPath("3.1.3")).toBe("/api/scanner/3.1.3/zxing_reader.wasm");
  });
});
