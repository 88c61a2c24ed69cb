"use client";

import { useLocale, useTranslations } from "next-intl";
import type { PolicyCategoryChoice } from "@/server/domain/vouchers/policies";

/** Which menu categories a policy's vouchers pay for: every one, or those ticked, grouped by store (categories are per store). */
export function CategoryPicker(props: {
  choices: PolicyCategoryChoice[];
  all: boolean;
  selected: string[];
  storesLimited: boolean;
  error: string | null;
  onAll: (all: boolean) => void;
  onChange: (ids: string[]) => void;
}) {
  const t = useTranslations("voucherCategories");
  const locale = useLocale();
  const stores = [...new Map(props.choices.map((choice) => [choice.storeId, locale === "ko" ? choice.storeNameKo : choice.storeNameEn])).entries()];
  return (
    <section className="rounded-xl border border-line bg-white p-6" data-testid="policy-categories">
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="mt-1 text-xs text-muted">{t("help")}</p>
      <label className="mt-3 flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" className="size-5" checked={props.all} onChange={(e) => props.onAll(e.target.checked)} name="allCategories" />
        {t("allCategories")}
      </label>
      {!props.all ? (
        <div className="mt-2 grid grid-cols-2 gap-6 pl-8">
          {stores.map(([storeId, storeName]) => (
            <fieldset key={storeId}>
              <legend className="text-sm font-medium text-muted">{storeName}</legend>
              {props.choices
                .filter((choice) => choice.storeId === storeId)
                .map((choice) => (
                  <label key={choice.id} className="flex min-h-11 items-center gap-3 text-sm">
                    <input
                      type="checkbox"
                      className="size-5"
                      checked={props.selected.includes(choice.id)}
                      onChange={(e) => props.onChange(e.target.checked ? [...props.selected, choice.id] : props.selected.filter((id) => id !== choice.id))}
                    />
                    {locale === "ko" ? choice.nameKo : choice.nameEn}
                    {!choice.isVisible ? <span className="text-xs text-muted">({t("hidden")})</span> : null}
                  </label>
                ))}
            </fieldset>
          ))}
          {props.storesLimited ? <p className="col-span-2 text-xs text-muted">{t("storeLess")}</p> : null}
        </div>
      ) : null}
      {props.error ? (
        <span className="mt-1 block text-xs font-medium text-red-600" data-testid="error-categoryIds">
          {props.error}
        </span>
      ) : null}
    </section>
  );
}
