import { randomInt } from "node:crypto";
import type { CardApproval, CardCancel, CardTerminal } from "./card-terminal";

export const SANDBOX_OUTCOMES = ["approve", "decline", "timeout"] as const;
export type SandboxOutcome = (typeof SANDBOX_OUTCOMES)[number];

/** What the sandbox does with a terminal's next new charge; then it goes back to approving. */
export type SandboxNext = {
  outcome: SandboxOutcome;
  /** The decline message, as a VAN sends it. */
  reason?: string;
  /** The void of this charge fails too (the terminal went offline), for the "void by hand" path. */
  voidFails?: boolean;
};

export type SandboxEvent = {
  type: "charge" | "replay" | "cancel";
  terminalId: string;
  reference: string;
  amount: bigint;
  /** For a charge, its answer once known; for a cancel, canceled or failed. */
  outcome: string;
  at: Date;
};

type Charge = {
  terminalId: string;
  reference: string;
  amount: bigint;
  answer: Promise<CardApproval>;
  /** Set once the card was approved, also when the approval came too late (after a time-out). */
  approvalNumber: string | null;
  canceled: bigint;
  /** Partial cancels already taken, by their cancel reference. */
  cancelReferences: Set<string>;
  voidFails: boolean;
};

export const SANDBOX_DECLINE_REASON = "한도초과";
const MAX_REMEMBERED = 10_000;

/**
 * A card terminal that runs in-process and answers like a VAN: approves with an 8-digit
 * approval number after a delay, declines with the VAN's message, or never answers within
 * the kiosk's wait (and then approves late, the worst case a real network can produce, so
 * the kiosk's void by reference is exercised). Charges are idempotent by reference.
 *
 * Its state (the barista's chosen next outcome, the charges it remembers) lives in this
 * process: enough for `next dev` / `next start` with one process, which is how development
 * and e2e run. Several app replicas would each have their own sandbox; a real VAN adapter
 * keeps its state in the VAN.
 */
export class SandboxCardTerminal implements CardTerminal {
  readonly kind = "sandbox";
  readonly approveDelayMs: number;
  readonly timeoutMs: number;
  private readonly next = new Map<string, SandboxNext>();
  private readonly charges = new Map<string, Charge>();
  private readonly events: SandboxEvent[] = [];

  constructor(options: { approveDelayMs?: number; timeoutMs?: number } = {}) {
    this.approveDelayMs = options.approveDelayMs ?? 1_200;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Chooses what the terminal's next new charge does (the kiosk's sandbox control, or a test). */
  setNext(terminalId: string, next: SandboxNext) {
    this.next.set(terminalId, next);
  }

  peekNext(terminalId: string): SandboxNext {
    return this.next.get(terminalId) ?? { outcome: "approve" };
  }

  /** Every call the terminal got, oldest first: tests count charges and voids with it. */
  history(terminalId?: string): readonly SandboxEvent[] {
    return terminalId ? this.events.filter((event) => event.terminalId === terminalId) : [...this.events];
  }

  /** Won the card holder is out of pocket for this reference: approved (even late) and not voided. */
  taken(terminalId: string, reference: string): bigint {
    const charge = this.charges.get(chargeKey(terminalId, reference));
    return charge?.approvalNumber ? charge.amount - charge.canceled : 0n;
  }

  charge(input: { terminalId: string; amount: bigint; reference: string }): Promise<CardApproval> {
    const key = chargeKey(input.terminalId, input.reference);
    const existing = this.charges.get(key);
    if (existing) return this.replay(existing, input.amount);

    const next = this.peekNext(input.terminalId);
    this.next.delete(input.terminalId);
    const charge: Charge = {
      terminalId: input.terminalId,
      reference: input.reference,
      amount: input.amount,
      answer: Promise.resolve({ outcome: "timed_out" }),
      approvalNumber: null,
      canceled: 0n,
      cancelReferences: new Set(),
      voidFails: next.voidFails ?? false,
    };
    charge.answer = this.run(charge, next);
    this.remember(key, charge);
    const event = this.log({ type: "charge", terminalId: input.terminalId, reference: input.reference, amount: input.amount, outcome: "pending" });
    void charge.answer.then((answer) => {
      event.outcome = answer.outcome;
    });
    return charge.answer;
  }

  async cancel(input: {
    terminalId: string;
    approvalNumber: string | null;
    amount: bigint;
    reference: string;
    cancelReference?: string;
  }): Promise<CardCancel> {
    await sleep(Math.min(this.approveDelayMs, 300));
    const charge = this.charges.get(chargeKey(input.terminalId, input.reference));
    const answer = (outcome: CardCancel): CardCancel => {
      this.log({ type: "cancel", terminalId: input.terminalId, reference: input.reference, amount: input.amount, outcome: outcome.outcome });
      return outcome;
    };
    if (charge?.voidFails) return answer({ outcome: "failed", reason: "단말기와 통신할 수 없습니다" });
    // Nothing charged under this reference: there is nothing to undo, which is what the caller wants.
    if (!charge) return answer({ outcome: "canceled", canceledAt: new Date() });
    if (input.approvalNumber !== null && input.approvalNumber !== charge.approvalNumber) {
      return answer({ outcome: "failed", reason: "승인번호가 일치하지 않습니다" });
    }
    if (input.cancelReference !== undefined && charge.cancelReferences.has(input.cancelReference)) {
      return answer({ outcome: "canceled", canceledAt: new Date() });
    }
    // A network cancel voids the whole charge, also one still in flight (its late approval is void).
    const amount = input.approvalNumber === null ? charge.amount - charge.canceled : input.amount;
    if (amount > charge.amount - charge.canceled) return answer({ outcome: "failed", reason: "취소 금액이 승인 금액보다 큽니다" });
    charge.canceled += amount;
    if (input.cancelReference !== undefined) charge.cancelReferences.add(input.cancelReference);
    return answer({ outcome: "canceled", canceledAt: new Date() });
  }

  private async replay(charge: Charge, amount: bigint): Promise<CardApproval> {
    this.log({ type: "replay", terminalId: charge.terminalId, reference: charge.reference, amount, outcome: "replayed" });
    if (amount !== charge.amount) return { outcome: "declined", reason: "같은 거래 번호로 다른 금액을 요청했습니다" };
    const answer = await charge.answer;
    // Never the same approval again once it was voided: a retry after a void must not record a sale.
    if (charge.canceled > 0n) return { outcome: "declined", reason: "취소된 거래입니다" };
    return answer;
  }

  private async run(charge: Charge, next: SandboxNext): Promise<CardApproval> {
    if (next.outcome === "timeout") {
      await sleep(this.timeoutMs);
      charge.approvalNumber = newApprovalNumber();
      return { outcome: "timed_out" };
    }
    await sleep(this.approveDelayMs);
    if (next.outcome === "decline") return { outcome: "declined", reason: next.reason ?? SANDBOX_DECLINE_REASON };
    if (charge.canceled > 0n) return { outcome: "declined", reason: "취소된 거래입니다" };
    charge.approvalNumber = newApprovalNumber();
    return { outcome: "approved", approvalNumber: charge.approvalNumber, cardLabel: "SANDBOX ****4242", approvedAt: new Date() };
  }

  private remember(key: string, charge: Charge) {
    this.charges.set(key, charge);
    // A long-running dev server should not grow without bound; the oldest charges go first.
    if (this.charges.size > MAX_REMEMBERED) {
      const oldest = this.charges.keys().next();
      if (!oldest.done) this.charges.delete(oldest.value);
    }
  }

  private log(event: Omit<SandboxEvent, "at">): SandboxEvent {
    const entry = { ...event, at: new Date() };
    this.events.push(entry);
    if (this.events.length > MAX_REMEMBERED) this.events.shift();
    return entry;
  }
}

const chargeKey = (terminalId: string, reference: string) => `${terminalId}\u0000${reference}`;

const newApprovalNumber = () => String(randomInt(0, 100_000_000)).padStart(8, "0");

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
