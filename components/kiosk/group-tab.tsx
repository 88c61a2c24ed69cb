"use client";

import type { RefObject } from "react";
import { useTranslations } from "next-intl";
import { Keypad } from "./keypad";
import { maskPayCode } from "./payment-logic";
import { CameraIcon, PrimaryButton } from "./payment-parts";

export type WalletSplit = "even" | "first";

/**
 * Group payment (함께결제): the barista scans each colleague's pay code in turn (the scanner
 * types into the field, or the keypad does); each code becomes a chip that shows only its
 * last digits and can be taken out; then one choice, how the wallets share what the
 * vouchers leave, and one button.
 */
export function GroupTab(props: {
  codes: readonly string[];
  buffer: string;
  walletSplit: WalletSplit;
  /** The chip a refusal named (a used or expired code), or -1. */
  refusedIndex: number;
  /** A problem found before asking the server (malformed, repeated, too many). */
  problem: string | null;
  locked: boolean;
  busy: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onBufferChange: (value: string) => void;
  onDigit: (digit: string) => void;
  onBackspace: () => void;
  onClearBuffer: () => void;
  onAdd: () => void;
  /** Opens the camera view; a code it reads is added like a scanned one. */
  onCamera: () => void;
  onRemove: (index: number) => void;
  onSplitChange: (split: WalletSplit) => void;
  onPay: () => void;
}) {
  const t = useTranslations("kiosk");
  const tCamera = useTranslations("kioskCamera");
  const { codes, locked } = props;
  const enough = codes.length >= 2;

  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_260px] gap-4 xl:grid-cols-[minmax(0,1fr)_300px]" data-testid="group-tab">
      <div className="flex min-h-0 min-w-0 flex-col rounded-3xl bg-white px-5 py-5">
        <h2 className="text-xl font-bold">{t("groupTitle")}</h2>
        <p className="mt-0.5 text-sm text-muted">{t("groupHint")}</p>
        <form
          className="mt-4 flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            props.onAdd();
          }}
        >
          <input
            ref={props.inputRef}
            name="groupPayCode"
            value={props.buffer}
            onChange={(event) => props.onBufferChange(event.target.value.replace(/[^\d\s-]/g, "").slice(0, 30))}
            // The scanner and the on-screen keypad type here; no soft keyboard over the screen.
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            readOnly={locked}
            placeholder={t("payCodePlaceholder")}
            aria-label={t("groupCodeLabel")}
            data-testid="group-code-input"
            className="tabular h-14 min-w-0 flex-1 rounded-2xl border-2 border-line bg-canvas px-4 text-center text-lg font-bold tracking-[0.04em] outline-none placeholder:text-base placeholder:font-medium placeholder:tracking-normal placeholder:text-muted focus:border-brand-500 focus:bg-white"
          />
          <button
            type="submit"
            disabled={locked || props.buffer.length === 0}
            data-testid="group-add"
            className="min-h-14 shrink-0 rounded-2xl bg-ink px-5 text-base font-bold text-white active:bg-black disabled:bg-line disabled:text-muted"
          >
            {t("groupAdd")}
          </button>
          <button
            type="button"
            disabled={locked}
            onClick={props.onCamera}
            aria-label={tCamera("openGroupLabel")}
            data-testid="camera-open"
            className="flex min-h-14 shrink-0 items-center gap-1.5 rounded-2xl border-2 border-line px-4 text-base font-bold active:bg-canvas disabled:opacity-40"
          >
            <CameraIcon className="size-6 text-brand-500" />
            {tCamera("openGroup")}
          </button>
        </form>
        {props.problem ? (
          <p role="alert" className="mt-2 text-sm font-semibold text-red-600" data-testid="group-problem">
            {props.problem}
          </p>
        ) : null}

        <div className="mt-4 min-h-0 flex-1 overflow-y-auto">
          {codes.length === 0 ? (
            <p className="flex h-full min-h-24 items-center justify-center rounded-2xl border-2 border-dashed border-line px-6 text-center text-base text-muted">
              {t("groupEmpty")}
            </p>
          ) : (
            <ol className="grid grid-cols-1 gap-2 xl:grid-cols-2" aria-label={t("groupCodeLabel")}>
              {codes.map((code, index) => {
                const refused = index === props.refusedIndex;
                return (
                  <li
                    key={code}
                    data-testid="group-chip"
                    aria-invalid={refused}
                    className={`flex min-h-14 items-center gap-2.5 rounded-2xl py-1 pr-1 pl-3 ${refused ? "bg-red-50 ring-2 ring-red-400" : "bg-canvas"}`}
                  >
                    <span
                      className={`flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-bold text-white ${refused ? "bg-red-500" : "bg-ink"}`}
                    >
                      {index + 1}
                    </span>
                    <span className="min-w-0 flex-1 leading-tight">
                      <span className="tabular block text-lg font-bold tracking-wide whitespace-nowrap">{maskPayCode(code)}</span>
                      {refused ? <span className="block text-xs font-semibold text-red-600">{t("groupRefusedCode")}</span> : null}
                    </span>
                    <button
                      type="button"
                      disabled={locked}
                      onClick={() => props.onRemove(index)}
                      aria-label={t("groupRemove", { index: index + 1 })}
                      className="flex size-12 shrink-0 items-center justify-center rounded-xl text-muted active:bg-white disabled:opacity-40"
                    >
                      <svg viewBox="0 0 24 24" className="size-5" aria-hidden>
                        <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
                      </svg>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </div>

        <div className="mt-4">
          <p className="pb-1.5 text-sm font-semibold text-muted">{t("groupSplitLabel")}</p>
          <div role="radiogroup" aria-label={t("groupSplitLabel")} className="grid grid-cols-2 gap-1 rounded-2xl bg-canvas p-1">
            {(["even", "first"] as const).map((split) => (
              <button
                key={split}
                type="button"
                role="radio"
                aria-checked={props.walletSplit === split}
                disabled={locked}
                onClick={() => props.onSplitChange(split)}
                className="min-h-12 rounded-xl px-2 text-base font-bold text-muted active:bg-white disabled:opacity-50 aria-checked:bg-white aria-checked:text-ink aria-checked:shadow-[0_1px_2px_rgb(0_0_0/0.08)]"
              >
                {split === "even" ? t("groupSplitEven") : t("groupSplitFirst")}
              </button>
            ))}
          </div>
        </div>
      </div>

      <div className="flex flex-col gap-3">
        <Keypad
          extra="clear"
          disabled={locked}
          testId="group-keypad"
          onDigits={(digits) => {
            for (const digit of digits) props.onDigit(digit);
          }}
          onBackspace={props.onBackspace}
          onClear={props.onClearBuffer}
        />
        <PrimaryButton disabled={locked || !enough} busy={props.busy} busyLabel={t("paying")} onClick={props.onPay} testId="group-pay">
          {enough ? t("groupPay", { count: codes.length }) : t("groupNeedTwo")}
        </PrimaryButton>
      </div>
    </div>
  );
}
