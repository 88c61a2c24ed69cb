"use client";

import { useEffect, useId, useRef, useState } from "react";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { defaultSelection, MAX_QUANTITY, selectedOptionIds, selectionProblems, toggleChoice, unitPrice } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { nameIn, type KioskItem, type KioskOptionGroup } from "./types";

/**
 * The options of one drink, defaults already chosen, so "add" is the second and last tap.
 * Required groups act as radio buttons, optional multi-choice ones as toggles up to their max.
 */
export function OptionSheet(props: {
  item: KioskItem;
  locale: Locale;
  onAdd: (optionIds: string[], quantity: number) => void;
  onClose: () => void;
}) {
  const { item, locale, onAdd, onClose } = props;
  const t = useTranslations("kiosk");
  const titleId = useId();
  const [selection, setSelection] = useState(() => defaultSelection(item));
  const [quantity, setQuantity] = useState(1);
  const addRef = useRef<HTMLButtonElement>(null);
  const optionIds = selectedOptionIds(item, selection);
  const problems = selectionProblems(item, selection);
  const price = unitPrice(item, optionIds) * BigInt(quantity);

  useEffect(() => {
    addRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-ink/50 p-6 backdrop-blur-[2px]" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="option-sheet"
        onClick={(event) => event.stopPropagation()}
        className="flex max-h-full w-full max-w-2xl flex-col overflow-hidden rounded-3xl bg-white shadow-2xl"
      >
        <header className="flex items-center gap-4 border-b border-line px-6 py-4">
          <div className="relative size-16 shrink-0 rounded-2xl bg-brand-50">
            {item.imagePath ? <Image src={item.imagePath} alt="" fill unoptimized sizes="64px" className="object-contain p-2" /> : null}
          </div>
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-2xl font-bold">
              {nameIn(item, locale)}
            </h2>
            <p className="tabular text-muted">{formatWon(item.price, locale)}</p>
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label={t("close")}
            className="flex size-12 items-center justify-center rounded-full text-muted active:bg-canvas"
          >
            <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
            </svg>
          </button>
        </header>

        <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-6 py-5">
          {item.optionGroups.map((group) => (
            <OptionGroupPicker
              key={group.id}
              group={group}
              locale={locale}
              chosen={selection[group.id] ?? []}
              missing={problems.some((problem) => problem.groupId === group.id)}
              onToggle={(choiceId) => setSelection((current) => toggleChoice(item, current, group.id, choiceId))}
            />
          ))}
        </div>

        <footer className="flex items-center gap-4 border-t border-line bg-white px-6 py-4">
          <div className="flex items-center rounded-2xl bg-canvas p-1" role="group" aria-label={t("quantity")}>
            <StepButton label={t("decrease")} disabled={quantity <= 1} onClick={() => setQuantity((q) => Math.max(1, q - 1))} sign="-" />
            <span className="tabular w-10 text-center text-xl font-bold" data-testid="sheet-quantity">
              {quantity}
            </span>
            <StepButton label={t("increase")} disabled={quantity >= MAX_QUANTITY} onClick={() => setQuantity((q) => Math.min(MAX_QUANTITY, q + 1))} sign="+" />
          </div>
          <button
            ref={addRef}
            type="button"
            disabled={problems.length > 0}
            onClick={() => onAdd(optionIds, quantity)}
            data-testid="sheet-add"
            className="flex min-h-16 flex-1 items-center justify-center gap-3 rounded-2xl bg-brand-500 px-6 text-xl font-bold text-white active:bg-brand-600 disabled:bg-line disabled:text-muted"
          >
            <span>{t("addToCart")}</span>
            <span className="tabular" data-testid="sheet-price">
              {formatWon(price, locale)}
            </span>
          </button>
        </footer>
      </div>
    </div>
  );
}

function OptionGroupPicker(props: {
  group: KioskOptionGroup;
  locale: Locale;
  chosen: readonly string[];
  missing: boolean;
  onToggle: (choiceId: string) => void;
}) {
  const { group, locale, chosen, missing, onToggle } = props;
  const t = useTranslations("kiosk");
  const single = group.maxSelect <= 1;
  const rule =
    group.minSelect >= 1
      ? single
        ? t("ruleRequired")
        : t("ruleRequiredRange", { min: group.minSelect, max: group.maxSelect })
      : single
        ? t("ruleOptional")
        : t("ruleOptionalUpTo", { max: group.maxSelect });
  return (
    <fieldset>
      <legend className="mb-2.5 flex w-full items-center gap-2">
        <span className="text-lg font-bold">{nameIn(group, locale)}</span>
        <span
          className={`rounded-md px-2 py-0.5 text-xs font-semibold ${
            missing ? "bg-red-50 text-red-600" : group.minSelect >= 1 ? "bg-brand-50 text-brand-700" : "bg-canvas text-muted"
          }`}
        >
          {rule}
        </span>
      </legend>
      <div className="grid grid-cols-3 gap-2.5">
        {group.choices.map((choice) => {
          const on = chosen.includes(choice.id);
          const full = !single && !on && chosen.length >= group.maxSelect;
          return (
            <button
              key={choice.id}
              type="button"
              role={single ? "radio" : "checkbox"}
              aria-checked={on}
              aria-disabled={full}
              onClick={() => onToggle(choice.id)}
              className={`flex min-h-16 flex-col items-start justify-center rounded-2xl border-2 px-4 py-2 text-left ${
                on ? "border-brand-500 bg-brand-50 text-brand-700" : "border-line bg-white text-ink active:bg-canvas"
              } ${full ? "opacity-40" : ""}`}
            >
              <span className="text-base font-semibold">{nameIn(choice, locale)}</span>
              <span className={`tabular text-sm ${on ? "text-brand-600" : "text-muted"}`}>
                {choice.priceDelta > 0n ? `+${formatWon(choice.priceDelta, locale)}` : choice.priceDelta < 0n ? formatWon(choice.priceDelta, locale) : t("noExtraCharge")}
              </span>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function StepButton(props: { label: string; sign: "+" | "-"; disabled?: boolean; onClick: () => void; testId?: string }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
      data-testid={props.testId}
      className="flex size-12 items-center justify-center rounded-xl text-ink active:bg-white disabled:text-line"
    >
      <svg viewBox="0 0 24 24" className="size-5" aria-hidden>
        <path d={props.sign === "+" ? "M5 12h14M12 5v14" : "M5 12h14"} stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
    </button>
  );
}
