"use client";

import { useEffect, useId, useState } from "react";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { defaultSelection, MAX_QUANTITY, selectedOptionIds, selectionProblems, toggleChoice, unitPrice } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { nameIn, type MenuItem, type MenuOptionGroup } from "./types";

/**
 * A drink's options as a bottom sheet: defaults already chosen (so "add" can be the next
 * tap), required one-choice groups as radio buttons, multi-choice groups up to their max.
 * The rules are lib/cart's, the same ones the kiosk uses.
 */
export function ItemSheet(props: { item: MenuItem; locale: Locale; onAdd: (optionIds: string[], quantity: number) => void; onClose: () => void }) {
  const { item, locale, onAdd, onClose } = props;
  const t = useTranslations("orderAhead");
  const titleId = useId();
  const [selection, setSelection] = useState(() => defaultSelection(item));
  const [quantity, setQuantity] = useState(1);
  const optionIds = selectedOptionIds(item, selection);
  const problems = selectionProblems(item, selection);
  const price = unitPrice(item, optionIds) * BigInt(quantity);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center bg-ink/50" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="item-sheet"
        onClick={(event) => event.stopPropagation()}
        className="flex max-h-[92dvh] w-full max-w-md flex-col overflow-hidden rounded-t-[28px] bg-white shadow-2xl"
      >
        <header className="flex items-center gap-3 px-5 pt-5 pb-3">
          <div className="relative size-14 shrink-0 rounded-2xl bg-brand-50">
            {item.imagePath ? <Image src={item.imagePath} alt="" fill unoptimized sizes="56px" className="object-contain p-2" /> : null}
          </div>
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-xl font-bold break-keep">
              {nameIn(item, locale)}
            </h2>
            <p className="tabular text-sm text-muted">{formatWon(item.price, locale)}</p>
          </div>
          <button type="button" onClick={onClose} aria-label={t("close")} className="flex size-12 items-center justify-center rounded-full text-muted active:bg-canvas">
            <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
            </svg>
          </button>
        </header>

        <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 pt-2 pb-5">
          {item.optionGroups.map((group) => (
            <GroupPicker
              key={group.id}
              group={group}
              locale={locale}
              chosen={selection[group.id] ?? []}
              missing={problems.some((problem) => problem.groupId === group.id)}
              onToggle={(choiceId) => setSelection((current) => toggleChoice(item, current, group.id, choiceId))}
            />
          ))}
        </div>

        <footer className="flex items-center gap-3 border-t border-line px-5 pt-3 pb-[calc(12px+env(safe-area-inset-bottom))]">
          <div className="flex items-center rounded-2xl bg-canvas p-1" role="group" aria-label={t("quantity")}>
            <Step label={t("decrease")} sign="-" disabled={quantity <= 1} onClick={() => setQuantity((q) => Math.max(1, q - 1))} />
            <span className="tabular w-8 text-center text-lg font-bold" data-testid="sheet-quantity">
              {quantity}
            </span>
            <Step label={t("increase")} sign="+" disabled={quantity >= MAX_QUANTITY} onClick={() => setQuantity((q) => Math.min(MAX_QUANTITY, q + 1))} />
          </div>
          <button
            type="button"
            disabled={problems.length > 0}
            onClick={() => onAdd(optionIds, quantity)}
            data-testid="sheet-add"
            className="flex min-h-14 flex-1 items-center justify-center gap-2 rounded-2xl bg-brand-500 px-4 text-base font-bold text-white active:bg-brand-600 disabled:bg-line disabled:text-muted"
          >
            <span className="tabular" data-testid="sheet-price">
              {formatWon(price, locale)}
            </span>
            <span>{t("addToCart")}</span>
          </button>
        </footer>
      </div>
    </div>
  );
}

function GroupPicker(props: { group: MenuOptionGroup; locale: Locale; chosen: readonly string[]; missing: boolean; onToggle: (choiceId: string) => void }) {
  const { group, locale, chosen, missing, onToggle } = props;
  const t = useTranslations("orderAhead");
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
      <legend className="mb-2 flex w-full items-center gap-2">
        <span className="text-base font-bold">{nameIn(group, locale)}</span>
        <span className={`rounded-md px-2 py-0.5 text-xs font-semibold ${missing ? "bg-red-50 text-red-600" : group.minSelect >= 1 ? "bg-brand-50 text-brand-700" : "bg-canvas text-muted"}`}>
          {rule}
        </span>
      </legend>
      <div className="grid grid-cols-2 gap-2">
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
              className={`flex min-h-14 flex-col items-start justify-center rounded-2xl border-2 px-4 py-2 text-left ${
                on ? "border-brand-500 bg-brand-50 text-brand-700" : "border-line bg-white text-ink active:bg-canvas"
              } ${full ? "opacity-40" : ""}`}
            >
              <span className="text-[15px] font-semibold">{nameIn(choice, locale)}</span>
              <span className={`tabular text-xs ${on ? "text-brand-600" : "text-muted"}`}>
                {choice.priceDelta > 0n ? `+${formatWon(choice.priceDelta, locale)}` : t("noExtraCharge")}
              </span>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Step(props: { label: string; sign: "+" | "-"; disabled?: boolean; onClick: () => void; testId?: string }) {
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
