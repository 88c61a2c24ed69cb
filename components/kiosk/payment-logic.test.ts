import { TRPCClientError } from "@trpc/client";
import { createTranslator, type Messages } from "next-intl";
import { describe, expect, it } from "vitest";
import { messages } from "@/messages";
import {
  addGroupCode,
  appendCashDigits,
  appendPayCodeDigit,
  cashSuggestions,
  codeIndexOfDevice,
  describeFailure,
  dropCashDigit,
  GROUP_MAX_PAYERS,
  maskPayCode,
  newIdempotencyKey,
  payCodeProblem,
  refusalText,
  retriesSilently,
  type ErrorTranslator,
  type PaymentFailure,
} from "./payment-logic";

const { ko, en } = messages;
const genericKo = (ko.errors as Record<string, string>).generic;

/** An error as the tRPC client raises it from the server's error response. */
function serverError(data: Record<string, unknown>) {
  return new TRPCClientError("refused", { result: { error: { message: "refused", code: -32600, data } } });
}

const refused = (failure: PaymentFailure) => {
  if (failure.kind !== "refused") throw new Error(`expected a refusal, got ${failure.kind}`);
  return failure;
};

describe("explaining a failed payment", () => {
  // Untyped messages, as the kiosk's useTranslations("errors") sees them: any key may be asked for.
  const translator = (locale: string, messages: Messages): ErrorTranslator => createTranslator({ locale, messages, namespace: "errors" });
  const tKo = translator("ko", ko);
  const tEn = translator("en", en);

  it("shows a refused pay code in Korean, from the server's message key", () => {
    const failure = refused(describeFailure(serverError({ code: "BAD_REQUEST", messageKey: "payCodeInvalid", details: { deviceNo: 7 } })));
    expect(refusalText(failure, tKo, "ko")).toBe("유효하지 않은 결제 코드입니다. 앱에서 새 코드를 보여 주세요.");
  });

  it("catches a mistyped code before asking the server, with the same message", () => {
    expect(payCodeProblem("12345")).toBe("payCodeMalformed");
    expect(payCodeProblem("12345678901234567a")).toBe("payCodeMalformed");
    expect(payCodeProblem("123456 789012 345678")).toBeNull();
    const failure = { kind: "refused", messageKey: "payCodeMalformed", details: null } as const;
    expect(refusalText(failure, tKo, "ko")).toBe("결제 코드 형식이 올바르지 않습니다. 18자리 숫자를 다시 확인해 주세요.");
  });

  it("fills the shortfall with thousands separators in both languages", () => {
    const failure = refused(
      describeFailure(
        serverError({ code: "PRECONDITION_FAILED", messageKey: "insufficientBalance", details: { shortfall: 12000, voucherRefusal: "outsideWindow" } }),
      ),
    );
    expect(failure.details).toEqual({ shortfall: 12000, voucherRefusal: "outsideWindow" });
    expect(refusalText(failure, tKo, "ko")).toBe("잔액이 12,000원 부족합니다. 나머지는 카드나 현금으로 결제하세요.");
    expect(refusalText(failure, tEn, "en")).toBe("The balance is 12,000 won short. Pay the rest by card or cash.");
  });

  it("falls back to the generic message for an error without a known key", () => {
    const failure = refused(describeFailure(serverError({ code: "BAD_REQUEST", messageKey: null, fieldErrors: { lines: ["x"] } })));
    expect(failure.messageKey).toBe("generic");
    expect(refusalText(failure, tKo, "ko")).toBe(genericKo);
    expect(refusalText({ kind: "refused", messageKey: "noSuchKey", details: null }, tKo, "ko")).toBe(genericKo);
  });

  it("gives the card terminal's decline reason, and the approval to void by hand with its amount", () => {
    const declined = refused(describeFailure(serverError({ code: "PRECONDITION_FAILED", messageKey: "cardDeclined", details: { reason: "한도초과" } })));
    expect(refusalText(declined, tKo, "ko")).toBe("카드가 거절되었습니다: 한도초과");
    const voidFailed = refused(
      describeFailure(serverError({ code: "CONFLICT", messageKey: "cardVoidFailed", details: { approvalNumber: "12345678", amount: 5500 } })),
    );
    expect(refusalText(voidFailed, tKo, "ko")).toContain("승인번호 12345678");
    expect(refusalText(voidFailed, tKo, "ko")).toContain("5,500원");
    expect(refusalText(voidFailed, tEn, "en")).toContain("12345678");
    // A time-out is a definite answer (the server canceled it), not an unanswered request.
    expect(describeFailure(serverError({ code: "PRECONDITION_FAILED", messageKey: "cardTimedOut" })).kind).toBe("refused");
  });

  it("treats no answer as uncertain, to be retried with the same key", () => {
    const dropped = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(describeFailure(dropped)).toEqual({ kind: "uncertain" });
    expect(retriesSilently(dropped)).toBe(true);
    expect(describeFailure(serverError({ code: "CONFLICT", messageKey: "requestInProgress" }))).toEqual({ kind: "uncertain" });
    expect(describeFailure(serverError({ code: "INTERNAL_SERVER_ERROR", messageKey: null }))).toEqual({ kind: "uncertain" });
    expect(retriesSilently(serverError({ code: "BAD_REQUEST", messageKey: "payCodeUsed" }))).toBe(false);
  });
});

describe("idempotency keys", () => {
  it("are new for every attempt and fit the server's key rules", () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
  });
});

describe("pay code entry", () => {
  it("takes digits only, and not without end", () => {
    let code = "";
    for (const key of "1234x56") code = appendPayCodeDigit(code, key);
    expect(code).toBe("123456");
    for (let i = 0; i < 40; i++) code = appendPayCodeDigit(code, "9");
    expect(code).toHaveLength(24);
  });
});

describe("group payment codes", () => {
  const code = (n: number) => `${String(n).padStart(9, "0")}123456789`;

  it("adds codes in scan order, refusing a malformed or repeated one and an eleventh person", () => {
    let codes: string[] = [];
    for (const raw of [code(1), `${code(2).slice(0, 9)}-${code(2).slice(9)}`]) {
      const added = addGroupCode(codes, raw);
      if (!added.ok) throw new Error(added.problem);
      codes = added.codes;
    }
    expect(codes).toEqual([code(1), code(2)]);
    expect(addGroupCode(codes, "12345")).toEqual({ ok: false, problem: "payCodeMalformed" });
    expect(addGroupCode(codes, code(1))).toEqual({ ok: false, problem: "groupCodeRepeated" });
    const full = Array.from({ length: GROUP_MAX_PAYERS }, (_, index) => code(index + 1));
    expect(addGroupCode(full, code(99))).toEqual({ ok: false, problem: "groupFull" });
  });

  it("shows only the last four digits, and finds the code a refusal names by its device number", () => {
    expect(maskPayCode(code(7))).toBe("•••• 6789");
    expect(codeIndexOfDevice([code(1), code(7)], 7)).toBe(1);
    expect(codeIndexOfDevice([code(1)], 7)).toBe(-1);
    expect(codeIndexOfDevice([code(1)], "1")).toBe(-1);
  });
});

describe("cash", () => {
  it("suggests the exact amount and the bills above it", () => {
    expect(cashSuggestions(6_200n)).toEqual([6_200n, 7_000n, 10_000n, 50_000n]);
    expect(cashSuggestions(3_000n)).toEqual([3_000n, 5_000n, 10_000n, 50_000n]);
    expect(cashSuggestions(50_000n)).toEqual([50_000n]);
    expect(cashSuggestions(0n)).toEqual([]);
  });

  it("types amounts on the keypad up to the server's ceiling", () => {
    let amount = 0n;
    amount = appendCashDigits(amount, "1");
    amount = appendCashDigits(amount, "00");
    amount = appendCashDigits(amount, "00");
    expect(amount).toBe(10_000n);
    expect(dropCashDigit(amount)).toBe(1_000n);
    expect(appendCashDigits(10_000_000n, "0")).toBe(10_000_000n);
    expect(appendCashDigits(5n, "x")).toBe(5n);
  });
});
