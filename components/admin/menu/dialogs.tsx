"use client";

import { useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import type { StoreMenu } from "@/server/domain/menu/store-menu";
import { FieldError, FormAlert, inputClass, primaryButton, secondaryButton, useFormErrors } from "./shared";

type Category = StoreMenu["categories"][number];
type Item = Category["items"][number];
type Group = StoreMenu["optionGroups"][number];

const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** "4,500" or "4500" → 4500; anything else becomes NaN and the server names the problem. */
const wholeNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.replace(/,/g, "").trim()));

function useInvalidateMenu() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.menuAdmin.menu.queryKey() });
}

function Buttons(props: { pending: boolean; onCancel: () => void }) {
  const t = useTranslations("menuAdmin");
  return (
    <div className="mt-6 flex justify-end gap-2">
      <button type="button" onClick={props.onCancel} className="min-h-11 rounded-lg px-4 text-sm font-medium text-muted hover:bg-canvas">
        {t("cancel")}
      </button>
      <button disabled={props.pending} className={primaryButton}>
        {props.pending ? t("saving") : t("save")}
      </button>
    </div>
  );
}

export function CategoryForm(props: { category: Category | null; onDone: (saved: boolean) => void }) {
  const t = useTranslations("menuAdmin");
  const trpc = useTRPC();
  const errors = useFormErrors();
  const invalidate = useInvalidateMenu();
  const [values, setValues] = useState({
    nameKo: props.category?.nameKo ?? "",
    nameEn: props.category?.nameEn ?? "",
    isVisible: props.category?.isVisible ?? true,
  });
  const onSuccess = async () => {
    await invalidate();
    props.onDone(true);
  };
  const create = useMutation(trpc.menuAdmin.createCategory.mutationOptions({ onSuccess, onError: errors.show }));
  const update = useMutation(trpc.menuAdmin.updateCategory.mutationOptions({ onSuccess, onError: errors.show }));
  return (
    <form
      noValidate
      className="p-6"
      data-testid="category-form"
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        if (props.category) update.mutate({ id: props.category.id, ...values });
        else create.mutate({ nameKo: values.nameKo, nameEn: values.nameEn });
      }}
    >
      <h2 className="text-lg font-bold">{props.category ? t("editCategory") : t("newCategory")}</h2>
      <FormAlert text={errors.form} />
      <div className="mt-4 grid grid-cols-2 gap-4">
        {(["nameKo", "nameEn"] as const).map((name) => (
          <label key={name} className="block text-sm font-medium">
            {t(`fields.${name}`)}
            <input
              name={name}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              aria-invalid={errors.fields[name] ? true : undefined}
              className={`${inputClass} ${errors.fields[name] ? "border-red-500" : "border-line"}`}
            />
            <FieldError text={errors.fields[name]} name={name} />
          </label>
        ))}
      </div>
      {props.category ? (
        <label className="mt-4 flex min-h-11 items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={values.isVisible} onChange={(event) => setValues({ ...values, isVisible: event.target.checked })} className="size-5" />
          {t("fields.isVisible")}
        </label>
      ) : null}
      <Buttons pending={create.isPending || update.isPending} onCancel={() => props.onDone(false)} />
    </form>
  );
}

export function ItemForm(props: { item: Item | null; categoryId: string | null; menu: StoreMenu; onDone: (saved: boolean) => void }) {
  const t = useTranslations("menuAdmin");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const errors = useFormErrors();
  const invalidate = useInvalidateMenu();
  const file = useRef<HTMLInputElement>(null);
  const { item } = props;
  const [values, setValues] = useState({
    nameKo: item?.nameKo ?? "",
    nameEn: item?.nameEn ?? "",
    price: item ? item.price.toString() : "",
    categoryId: item?.categoryId ?? props.categoryId ?? props.menu.categories[0]?.id ?? "",
    isSoldOut: item?.isSoldOut ?? false,
    isActive: item?.isActive ?? true,
    optionGroupIds: item?.optionGroups.map((group) => group.id) ?? [],
  });
  // undefined: keep the current picture; null: take it off; a string: the new upload.
  const [imageId, setImageId] = useState<string | null | undefined>(undefined);
  const [preview, setPreview] = useState<string | null>(item?.imagePath ?? null);
  const [imageError, setImageError] = useState<string | null>(null);
  const nameOf = (row: { nameKo: string; nameEn: string }) => (locale === "ko" ? row.nameKo : row.nameEn);

  const onSuccess = async () => {
    await invalidate();
    props.onDone(true);
  };
  const create = useMutation(trpc.menuAdmin.createItem.mutationOptions({ onSuccess, onError: errors.show }));
  const update = useMutation(trpc.menuAdmin.updateItem.mutationOptions({ onSuccess, onError: errors.show }));
  const upload = useMutation(
    trpc.menuAdmin.uploadImage.mutationOptions({
      onSuccess: (image) => {
        setImageId(image.id);
        setPreview(image.url);
      },
      onError: (error) => {
        const data = (error as { data?: { messageKey?: unknown; details?: Record<string, string | number> } }).data;
        setImageError(errors.errorText(typeof data?.messageKey === "string" ? data.messageKey : "generic", data?.details ?? null));
      },
    }),
  );

  const choose = (chosen: File | undefined) => {
    setImageError(null);
    if (!chosen) return;
    // Said at once, before a 2 MB upload goes anywhere; the server checks the bytes again.
    if (!IMAGE_TYPES.includes(chosen.type)) return setImageError(errors.errorText("imageTypeUnsupported"));
    if (chosen.size > MAX_IMAGE_BYTES) return setImageError(errors.errorText("imageTooLarge", { maxMb: 2 }));
    if (chosen.size === 0) return setImageError(errors.errorText("imageEmpty"));
    const reader = new FileReader();
    reader.onload = () => {
      const text = typeof reader.result === "string" ? reader.result : "";
      upload.mutate({ fileName: chosen.name, dataBase64: text.slice(text.indexOf(",") + 1) });
    };
    reader.readAsDataURL(chosen);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    errors.clear();
    const input = {
      categoryId: values.categoryId,
      nameKo: values.nameKo,
      nameEn: values.nameEn,
      price: wholeNumber(values.price),
      isSoldOut: values.isSoldOut,
      isActive: values.isActive,
      optionGroupIds: values.optionGroupIds,
      ...(imageId === undefined ? {} : { imageId }),
    };
    if (item) update.mutate({ ...input, id: item.id });
    else create.mutate(input);
  };

  const text = (name: "nameKo" | "nameEn") => (
    <label className="block text-sm font-medium">
      {t(`fields.${name}`)}
      <input
        name={name}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-invalid={errors.fields[name] ? true : undefined}
        className={`${inputClass} ${errors.fields[name] ? "border-red-500" : "border-line"}`}
      />
      <FieldError text={errors.fields[name]} name={name} />
    </label>
  );

  return (
    <form noValidate onSubmit={submit} className="p-6" data-testid="item-form">
      <h2 className="text-lg font-bold">{item ? t("editItem") : t("newItem")}</h2>
      <FormAlert text={errors.form} />
      <div className="mt-4 grid grid-cols-[1fr_13rem] gap-6">
        <div className="space-y-4">
          <div className="grid grid-cols-2 gap-4">
            {text("nameKo")}
            {text("nameEn")}
          </div>
          <div className="grid grid-cols-2 gap-4">
            <label className="block text-sm font-medium">
              {t("fields.price")}
              <span className="relative block">
                <input
                  name="price"
                  inputMode="numeric"
                  value={values.price}
                  onChange={(event) => setValues({ ...values, price: event.target.value })}
                  aria-invalid={errors.fields.price ? true : undefined}
                  className={`${inputClass} tabular pr-12 text-right ${errors.fields.price ? "border-red-500" : "border-line"}`}
                />
                <span className="pointer-events-none absolute top-1/2 right-3 mt-0.5 -translate-y-1/2 text-sm text-muted">{t("wonSuffix")}</span>
              </span>
              <FieldError text={errors.fields.price} name="price" />
            </label>
            <label className="block text-sm font-medium">
              {t("fields.category")}
              <select
                name="categoryId"
                value={values.categoryId}
                onChange={(event) => setValues({ ...values, categoryId: event.target.value })}
                className={`${inputClass} ${errors.fields.categoryId ? "border-red-500" : "border-line"}`}
              >
                {props.menu.categories.map((category) => (
                  <option key={category.id} value={category.id}>{nameOf(category)}</option>
                ))}
              </select>
              <FieldError text={errors.fields.categoryId} name="categoryId" />
            </label>
          </div>
          <fieldset>
            <legend className="text-sm font-medium">{t("fields.optionGroups")}</legend>
            {props.menu.optionGroups.length === 0 ? <p className="mt-1 text-sm text-muted">{t("noOptionGroups")}</p> : null}
            <div className="mt-1 grid max-h-48 grid-cols-2 gap-x-4 overflow-y-auto rounded-lg border border-line px-3 py-1">
              {props.menu.optionGroups.map((group) => (
                <label key={group.id} className="flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={values.optionGroupIds.includes(group.id)}
                    onChange={(event) =>
                      setValues({
                        ...values,
                        optionGroupIds: event.target.checked
                          ? [...values.optionGroupIds, group.id]
                          : values.optionGroupIds.filter((id) => id !== group.id),
                      })
                    }
                  />
                  <span className="font-medium">{nameOf(group)}</span>
                  <span className="text-xs text-muted">{t("groupRule", { min: group.minSelect, max: group.maxSelect })}</span>
                </label>
              ))}
            </div>
            <FieldError text={errors.fields.optionGroupIds} name="optionGroupIds" />
          </fieldset>
          <div className="flex gap-6">
            <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
              <input type="checkbox" className="size-5" checked={values.isActive} onChange={(event) => setValues({ ...values, isActive: event.target.checked })} />
              {t("fields.isActive")}
            </label>
            <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
              <input type="checkbox" className="size-5" checked={values.isSoldOut} onChange={(event) => setValues({ ...values, isSoldOut: event.target.checked })} />
              {t("fields.isSoldOut")}
            </label>
          </div>
        </div>
        <div>
          <p className="text-sm font-medium">{t("fields.image")}</p>
          <div className="mt-1 flex aspect-square items-center justify-center overflow-hidden rounded-xl border border-line bg-gradient-to-b from-brand-50/70 to-white">
            {preview ? (
              // eslint-disable-next-line @next/next/no-img-element -- a fresh upload's preview, not a page asset
              <img src={preview} alt="" data-testid="item-image-preview" className="size-full object-contain p-3" />
            ) : (
              <svg viewBox="0 0 24 24" className="size-10 text-line" aria-hidden><path d="M4 5h16v14H4zM4 15l4-4 4 4 3-3 5 5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" /></svg>
            )}
          </div>
          <input ref={file} type="file" accept={IMAGE_TYPES.join(",")} className="sr-only" data-testid="item-image-input" aria-label={t("imageChoose")} onChange={(event) => choose(event.target.files?.[0])} />
          <div className="mt-2 flex flex-col gap-1">
            <button type="button" disabled={upload.isPending} onClick={() => file.current?.click()} className={secondaryButton}>
              {upload.isPending ? t("imageUploading") : preview ? t("imageReplace") : t("imageChoose")}
            </button>
            {preview ? (
              <button type="button" onClick={() => { setImageId(null); setPreview(null); }} className="min-h-11 rounded-lg text-sm font-medium text-red-700 hover:bg-red-50">
                {t("imageRemove")}
              </button>
            ) : null}
          </div>
          <p className="mt-1 text-xs text-muted">{t("imageHelp")}</p>
          {imageError ? <p role="alert" data-testid="image-error" className="mt-1 text-xs text-red-600">{imageError}</p> : null}
          <FieldError text={errors.fields.imageId} name="imageId" />
        </div>
      </div>
      <Buttons pending={create.isPending || update.isPending || upload.isPending} onCancel={() => props.onDone(false)} />
    </form>
  );
}

type ChoiceDraft = { id?: string; nameKo: string; nameEn: string; priceDelta: string; isDefault: boolean };

export function OptionGroupForm(props: { group: Group | null; onDone: (saved: boolean) => void }) {
  const t = useTranslations("menuAdmin");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const errors = useFormErrors();
  const invalidate = useInvalidateMenu();
  const { group } = props;
  const [values, setValues] = useState({
    nameKo: group?.nameKo ?? "",
    nameEn: group?.nameEn ?? "",
    minSelect: String(group?.minSelect ?? 0),
    maxSelect: String(group?.maxSelect ?? 1),
  });
  const [choices, setChoices] = useState<ChoiceDraft[]>(
    group?.choices.map((choice) => ({ id: choice.id, nameKo: choice.nameKo, nameEn: choice.nameEn, priceDelta: choice.priceDelta.toString(), isDefault: choice.isDefault })) ?? [
      { nameKo: "", nameEn: "", priceDelta: "0", isDefault: true },
    ],
  );
  const onSuccess = async () => {
    await invalidate();
    props.onDone(true);
  };
  const create = useMutation(trpc.menuAdmin.createOptionGroup.mutationOptions({ onSuccess, onError: errors.show }));
  const update = useMutation(trpc.menuAdmin.updateOptionGroup.mutationOptions({ onSuccess, onError: errors.show }));
  const setChoice = (index: number, change: Partial<ChoiceDraft>) => setChoices(choices.map((choice, i) => (i === index ? { ...choice, ...change } : choice)));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    errors.clear();
    const input = {
      nameKo: values.nameKo,
      nameEn: values.nameEn,
      minSelect: wholeNumber(values.minSelect),
      maxSelect: wholeNumber(values.maxSelect),
      choices: choices.map((choice) => ({
        ...(choice.id ? { id: choice.id } : {}),
        nameKo: choice.nameKo,
        nameEn: choice.nameEn,
        priceDelta: wholeNumber(choice.priceDelta),
        isDefault: choice.isDefault,
      })),
    };
    if (group) update.mutate({ ...input, id: group.id });
    else create.mutate(input);
  };

  const small = "min-h-11 w-full rounded-lg border border-line bg-white px-3 text-sm outline-none focus:border-brand-500";
  return (
    <form noValidate onSubmit={submit} className="p-6" data-testid="group-form">
      <h2 className="text-lg font-bold">{group ? t("editGroup") : t("newGroup")}</h2>
      <FormAlert text={errors.form} />
      <div className="mt-4 grid grid-cols-[1fr_1fr_7rem_7rem] gap-4">
        {(["nameKo", "nameEn", "minSelect", "maxSelect"] as const).map((name) => (
          <label key={name} className="block text-sm font-medium">
            {t(`fields.${name}`)}
            <input
              name={name}
              inputMode={name.endsWith("Select") ? "numeric" : undefined}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              aria-invalid={errors.fields[name] ? true : undefined}
              className={`${inputClass} ${name.endsWith("Select") ? "tabular text-right" : ""} ${errors.fields[name] ? "border-red-500" : "border-line"}`}
            />
            <FieldError text={errors.fields[name]} name={name} />
          </label>
        ))}
      </div>
      <fieldset className="mt-5">
        <legend className="text-sm font-medium">{t("fields.choices")}</legend>
        <div className="mt-1 grid grid-cols-[1fr_1fr_8rem_5rem_2.75rem] items-center gap-x-3 gap-y-2 text-sm">
          <span className="text-xs text-muted">{t("fields.nameKo")}</span>
          <span className="text-xs text-muted">{t("fields.nameEn")}</span>
          <span className="text-right text-xs text-muted">{t("fields.priceDelta")}</span>
          <span className="text-center text-xs text-muted">{t("fields.isDefault")}</span>
          <span />
          {choices.map((choice, index) => (
            <div key={choice.id ?? `new-${index}`} className="contents" data-testid="choice-row">
              <input aria-label={`${t("fields.nameKo")} ${index + 1}`} value={choice.nameKo} onChange={(event) => setChoice(index, { nameKo: event.target.value })} className={small} />
              <input aria-label={`${t("fields.nameEn")} ${index + 1}`} value={choice.nameEn} onChange={(event) => setChoice(index, { nameEn: event.target.value })} className={small} />
              <input aria-label={`${t("fields.priceDelta")} ${index + 1}`} inputMode="numeric" value={choice.priceDelta} onChange={(event) => setChoice(index, { priceDelta: event.target.value })} className={`${small} tabular text-right`} />
              <span className="flex justify-center">
                <input type="checkbox" aria-label={`${t("fields.isDefault")} ${index + 1}`} checked={choice.isDefault} onChange={(event) => setChoice(index, { isDefault: event.target.checked })} className="size-5" />
              </span>
              <button
                type="button"
                aria-label={`${t("removeChoice")} ${index + 1}`}
                onClick={() => setChoices(choices.filter((_, i) => i !== index))}
                className="flex size-11 items-center justify-center rounded-lg text-muted hover:bg-red-50 hover:text-red-700"
              >
                <svg viewBox="0 0 20 20" className="size-4" aria-hidden><path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
              </button>
            </div>
          ))}
        </div>
        <FieldError text={errors.fields.choices} name="choices" />
        <button type="button" onClick={() => setChoices([...choices, { nameKo: "", nameEn: "", priceDelta: "0", isDefault: false }])} className={`mt-3 ${secondaryButton}`}>
          + {t("addChoice")}
        </button>
        <p className="mt-2 text-xs text-muted">
          {choices.filter((choice) => choice.nameKo).map((choice) => `${choice.nameKo} ${/^\d+$/.test(choice.priceDelta) && choice.priceDelta !== "0" ? `+${formatWon(BigInt(choice.priceDelta), locale)}` : ""}`).join(" · ")}
        </p>
      </fieldset>
      <Buttons pending={create.isPending || update.isPending} onCancel={() => props.onDone(false)} />
    </form>
  );
}
