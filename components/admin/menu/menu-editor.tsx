"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import type { StoreMenu } from "@/server/domain/menu/store-menu";
import { CategoryForm, ItemForm, OptionGroupForm } from "./dialogs";
import { failureOf } from "@/components/admin/vouchers/failure";
import { Dialog, FormAlert, MoveButtons, Toggle, confirmDangerButton, dangerButton, detailsOf, moved, primaryButton, secondaryButton, useDragReorder, useFormErrors } from "./shared";

type Category = StoreMenu["categories"][number];
type Item = Category["items"][number];
type Group = StoreMenu["optionGroups"][number];
type Open = { kind: "category"; category: Category | null } | { kind: "item"; item: Item | null } | { kind: "group"; group: Group | null } | null;
type Doomed = { kind: "category" | "item" | "group"; id: string; name: string; usage: number };

/** The store manager's menu: categories on the left, the chosen one's items on the right, option groups on a tab. */
export function MenuEditor({ initialMenu }: { initialMenu: StoreMenu }) {
  const t = useTranslations("menuAdmin");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const menuKey = trpc.menuAdmin.menu.queryKey();
  const { data: menu } = useQuery(trpc.menuAdmin.menu.queryOptions(undefined, { initialData: initialMenu, staleTime: 0 }));
  const [tab, setTab] = useState<"menu" | "options">("menu");
  const [selectedId, setSelectedId] = useState<string | null>(initialMenu.categories[0]?.id ?? null);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [doomed, setDoomed] = useState<Doomed | null>(null);
  const errors = useFormErrors();
  const nameOf = (row: { nameKo: string; nameEn: string }) => (locale === "ko" ? row.nameKo : row.nameEn);
  const selected = menu.categories.find((category) => category.id === selectedId) ?? menu.categories[0] ?? null;

  const refresh = () => queryClient.invalidateQueries({ queryKey: menuKey });
  const done = (text: string) => async () => {
    errors.clear();
    setNotice(text);
    await refresh();
  };
  const failed = async (error: unknown) => {
    setNotice(null);
    errors.show(error);
    await refresh();
  };
  const reorderCategories = useMutation(trpc.menuAdmin.reorderCategories.mutationOptions({ onSuccess: done(t("orderSaved")), onError: failed }));
  const reorderItems = useMutation(trpc.menuAdmin.reorderItems.mutationOptions({ onSuccess: done(t("orderSaved")), onError: failed }));
  const updateItem = useMutation(trpc.menuAdmin.updateItem.mutationOptions({ onSuccess: done(t("saved")), onError: failed }));
  const updateCategory = useMutation(trpc.menuAdmin.updateCategory.mutationOptions({ onSuccess: done(t("saved")), onError: failed }));

  // The new order shows at once; the server's answer (or a refusal) settles it.
  const putCategories = (ids: string[]) => {
    queryClient.setQueryData(menuKey, (current) =>
      current ? { ...current, categories: ids.flatMap((id) => current.categories.filter((c) => c.id === id)) } : current,
    );
    reorderCategories.mutate({ ids });
  };
  const putItems = (category: Category, ids: string[]) => {
    queryClient.setQueryData(menuKey, (current) =>
      current
        ? {
            ...current,
            categories: current.categories.map((c) => (c.id === category.id ? { ...c, items: ids.flatMap((id) => c.items.filter((i) => i.id === id)) } : c)),
          }
        : current,
    );
    reorderItems.mutate({ categoryId: category.id, ids });
  };
  const patchItem = (item: Item, change: { isSoldOut?: boolean; isActive?: boolean }) =>
    updateItem.mutate({
      id: item.id,
      categoryId: item.categoryId,
      nameKo: item.nameKo,
      nameEn: item.nameEn,
      price: Number(item.price),
      isSoldOut: change.isSoldOut ?? item.isSoldOut,
      isActive: change.isActive ?? item.isActive,
      optionGroupIds: item.optionGroups.map((group) => group.id),
    });

  const categoryIds = menu.categories.map((c) => c.id);
  const categoryDrag = useDragReorder(categoryIds, putCategories);
  const itemIds = selected?.items.map((i) => i.id) ?? [];
  const itemDrag = useDragReorder(itemIds, (ids) => selected && putItems(selected, ids));
  const usage = (groupId: string) => menu.categories.reduce((sum, c) => sum + c.items.filter((i) => i.optionGroups.some((g) => g.id === groupId)).length, 0);
  const deleted = async () => {
    setDoomed(null);
    errors.clear();
    setNotice(t("deleted"));
    await refresh();
  };
  const deleteCategory = useMutation(trpc.menuAdmin.deleteCategory.mutationOptions({ onSuccess: deleted }));
  const deleteItem = useMutation(trpc.menuAdmin.deleteItem.mutationOptions({ onSuccess: deleted }));
  const deleteGroup = useMutation(trpc.menuAdmin.deleteOptionGroup.mutationOptions({ onSuccess: deleted }));
  const deletion = doomed?.kind === "category" ? deleteCategory : doomed?.kind === "item" ? deleteItem : deleteGroup;
  const askDelete = (next: Doomed) => {
    deleteCategory.reset();
    deleteItem.reset();
    deleteGroup.reset();
    setNotice(null);
    setDoomed(next);
  };
  const closeDialog = (saved: boolean) => {
    if (saved) {
      errors.clear();
      setNotice(t("saved"));
    }
    setOpen(null);
  };

  return (
    <div className="mt-6">
      <div className="flex items-center justify-between gap-4">
        <div role="tablist" className="flex gap-1 rounded-xl bg-white p-1 ring-1 ring-line">
          {(["menu", "options"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
              className="min-h-10 rounded-lg px-4 text-sm font-semibold text-muted aria-selected:bg-ink aria-selected:text-white"
            >
              {name === "menu" ? t("tabMenu") : t("tabOptions")}
            </button>
          ))}
        </div>
        <p aria-live="polite" className="text-sm font-medium text-emerald-700" data-testid="menu-notice">
          {notice}
        </p>
      </div>
      {errors.form ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 px-4 py-2 text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}

      {tab === "menu" ? (
        <div className="mt-4 grid grid-cols-[18rem_1fr] items-start gap-6">
          <section aria-label={t("categories")} className="rounded-xl border border-line bg-white">
            <div className="flex items-center justify-between border-b border-line px-4 py-3">
              <h2 className="font-bold">{t("categories")}</h2>
              <button type="button" onClick={() => setOpen({ kind: "category", category: null })} className="min-h-10 rounded-lg px-3 text-sm font-semibold text-brand-600 hover:bg-brand-50">
                + {t("addCategory")}
              </button>
            </div>
            {menu.categories.length === 0 ? <p className="px-4 py-10 text-center text-sm text-muted">{t("noCategories")}</p> : null}
            <ul data-testid="category-list" className="py-1">
              {menu.categories.map((category, index) => (
                <li
                  key={category.id}
                  {...categoryDrag.rowProps(category.id)}
                  data-testid="category-row"
                  aria-current={category.id === selected?.id ? "true" : undefined}
                  className={`group mx-1 flex items-center gap-1 rounded-lg pl-1 ${category.id === selected?.id ? "bg-brand-50" : "hover:bg-canvas"} ${categoryDrag.over === category.id && categoryDrag.dragging !== category.id ? "ring-2 ring-brand-500" : ""} ${categoryDrag.dragging === category.id ? "opacity-40" : ""}`}
                >
                  <span aria-hidden className="cursor-grab px-1 text-line group-hover:text-muted">⋮⋮</span>
                  <button type="button" data-testid="category-select" onClick={() => setSelectedId(category.id)} className="flex min-h-12 min-w-0 flex-1 items-center gap-2 text-left">
                    <span className={`truncate text-sm font-semibold ${category.isVisible ? "" : "text-muted line-through"}`}>{nameOf(category)}</span>
                    <span className="text-xs text-muted">{t("itemCount", { count: category.items.length })}</span>
                    {category.isVisible ? null : <span className="rounded bg-canvas px-1.5 py-0.5 text-[11px] font-semibold text-muted">{t("hidden")}</span>}
                  </button>
                  <MoveButtons name={nameOf(category)} index={index} count={menu.categories.length} onMove={(from, to) => putCategories(moved(categoryIds, from, to))} disabled={reorderCategories.isPending} />
                </li>
              ))}
            </ul>
            <p className="border-t border-line px-4 py-2 text-xs text-muted">{t("dragHint")}</p>
          </section>

          <section aria-label={selected ? nameOf(selected) : t("tabMenu")} className="min-w-0 rounded-xl border border-line bg-white">
            {selected ? (
              <>
                <div className="flex items-center gap-3 border-b border-line px-5 py-3">
                  <div className="min-w-0 flex-1">
                    <h2 className="truncate text-lg font-bold" data-testid="selected-category">{nameOf(selected)}</h2>
                    <p className="text-xs text-muted">{locale === "ko" ? selected.nameEn : selected.nameKo}{selected.isVisible ? "" : ` · ${t("hiddenCategoryNote")}`}</p>
                  </div>
                  <button
                    type="button"
                    disabled={updateCategory.isPending}
                    onClick={() => updateCategory.mutate({ id: selected.id, nameKo: selected.nameKo, nameEn: selected.nameEn, isVisible: !selected.isVisible })}
                    className={secondaryButton}
                  >
                    {selected.isVisible ? t("hide") : t("show")}
                  </button>
                  <button type="button" onClick={() => setOpen({ kind: "category", category: selected })} className={secondaryButton}>
                    {t("rename")}
                  </button>
                  <button
                    type="button"
                    onClick={() => askDelete({ kind: "category", id: selected.id, name: nameOf(selected), usage: selected.items.length })}
                    className={dangerButton}
                  >
                    {t("deleteCategory")}
                  </button>
                  <button type="button" onClick={() => setOpen({ kind: "item", item: null })} className={primaryButton}>
                    + {t("addItem")}
                  </button>
                </div>
                <table className="w-full text-left text-sm" data-testid="items-table">
                  <thead className="border-b border-line bg-canvas/60 text-xs whitespace-nowrap text-muted">
                    <tr>
                      <th scope="col" className="w-24 px-3 py-2 font-medium">{t("colOrder")}</th>
                      <th scope="col" className="w-16 px-2 py-2 font-medium">{t("colImage")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("colName")}</th>
                      <th scope="col" className="px-3 py-2 text-right font-medium">{t("colPrice")}</th>
                      <th scope="col" className="px-3 py-2 font-medium">{t("colOptions")}</th>
                      <th scope="col" className="px-3 py-2 text-center font-medium">{t("colSoldOut")}</th>
                      <th scope="col" className="px-3 py-2 text-center font-medium">{t("colVisible")}</th>
                      <th scope="col" className="px-3 py-2"><span className="sr-only">{t("edit")}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {selected.items.map((item, index) => (
                      <tr
                        key={item.id}
                        {...itemDrag.rowProps(item.id)}
                        data-testid="item-row"
                        className={`border-b border-line last:border-0 ${item.isActive ? "" : "bg-canvas/40 text-muted"} ${itemDrag.over === item.id && itemDrag.dragging !== item.id ? "outline-2 outline-brand-500" : ""} ${itemDrag.dragging === item.id ? "opacity-40" : ""}`}
                      >
                        <td className="px-2 py-1.5">
                          <span className="flex items-center">
                            <span aria-hidden className="cursor-grab px-1 text-line">⋮⋮</span>
                            <MoveButtons name={nameOf(item)} index={index} count={selected.items.length} onMove={(from, to) => putItems(selected, moved(itemIds, from, to))} disabled={reorderItems.isPending} />
                          </span>
                        </td>
                        <td className="px-2 py-1.5">
                          <span className="flex size-11 items-center justify-center overflow-hidden rounded-lg bg-gradient-to-b from-brand-50/70 to-white ring-1 ring-line">
                            {item.imagePath ? (
                              // eslint-disable-next-line @next/next/no-img-element -- small thumbnail of an uploaded or bundled picture
                              <img src={item.imagePath} alt="" className="size-full object-contain p-1" />
                            ) : null}
                          </span>
                        </td>
                        <td className="px-3 py-1.5">
                          <span className="block font-semibold text-ink">{nameOf(item)}</span>
                          <span className="block text-xs text-muted">{locale === "ko" ? item.nameEn : item.nameKo}</span>
                        </td>
                        <td className="tabular px-3 py-1.5 text-right font-semibold">{formatWon(item.price, locale)}</td>
                        <td className="px-3 py-1.5 text-xs text-muted">
                          {item.optionGroups.length ? item.optionGroups.map((group) => nameOf(group)).join(", ") : t("noOptions")}
                        </td>
                        <td className="px-3 py-1.5">
                          <span className="flex justify-center">
                            <Toggle tone="red" checked={item.isSoldOut} label={t("soldOutToggle", { name: nameOf(item) })} onChange={(isSoldOut) => patchItem(item, { isSoldOut })} disabled={updateItem.isPending} />
                          </span>
                        </td>
                        <td className="px-3 py-1.5">
                          <span className="flex justify-center">
                            <Toggle checked={item.isActive} label={t("visibleToggle", { name: nameOf(item) })} onChange={(isActive) => patchItem(item, { isActive })} disabled={updateItem.isPending} />
                          </span>
                        </td>
                        <td className="px-3 py-1.5 text-right whitespace-nowrap">
                          <button type="button" aria-label={t("editNamed", { name: nameOf(item) })} onClick={() => setOpen({ kind: "item", item })} className="min-h-10 rounded-lg px-3 text-sm font-semibold text-brand-600 hover:bg-brand-50">
                            {t("edit")}
                          </button>
                          <button
                            type="button"
                            aria-label={t("deleteNamed", { name: nameOf(item) })}
                            onClick={() => askDelete({ kind: "item", id: item.id, name: nameOf(item), usage: 0 })}
                            className="min-h-10 rounded-lg px-3 text-sm font-semibold text-red-600 hover:bg-red-50"
                          >
                            {t("delete")}
                          </button>
                        </td>
                      </tr>
                    ))}
                    {selected.items.length === 0 ? (
                      <tr>
                        <td colSpan={8} className="px-4 py-16 text-center text-muted">{t("noItems")}</td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </>
            ) : (
              <p className="px-5 py-16 text-center text-muted">{t("noCategories")}</p>
            )}
          </section>
        </div>
      ) : (
        <section className="mt-4">
          <div className="flex justify-end">
            <button type="button" onClick={() => setOpen({ kind: "group", group: null })} className={primaryButton}>
              + {t("addGroup")}
            </button>
          </div>
          {menu.optionGroups.length === 0 ? <p className="mt-4 rounded-xl border border-line bg-white px-5 py-16 text-center text-muted">{t("noGroups")}</p> : null}
          <ul className="mt-4 grid grid-cols-2 gap-4 xl:grid-cols-3" data-testid="group-list">
            {menu.optionGroups.map((group) => (
              <li key={group.id} data-testid="group-card" className="flex flex-col rounded-xl border border-line bg-white p-5">
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="flex items-center gap-2 font-bold">
                      {nameOf(group)}
                      <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${group.minSelect > 0 ? "bg-brand-50 text-brand-700" : "bg-canvas text-muted"}`}>
                        {group.minSelect > 0 ? t("required") : t("optional")}
                      </span>
                    </h3>
                    <p className="mt-0.5 text-xs text-muted">
                      {t("groupRule", { min: group.minSelect, max: group.maxSelect })} · {t("usedBy", { count: usage(group.id) })}
                    </p>
                  </div>
                  <span className="flex shrink-0">
                    <button type="button" aria-label={t("editNamed", { name: nameOf(group) })} onClick={() => setOpen({ kind: "group", group })} className="min-h-10 rounded-lg px-3 text-sm font-semibold whitespace-nowrap text-brand-600 hover:bg-brand-50">
                      {t("edit")}
                    </button>
                    <button
                      type="button"
                      aria-label={t("deleteNamed", { name: nameOf(group) })}
                      onClick={() => askDelete({ kind: "group", id: group.id, name: nameOf(group), usage: usage(group.id) })}
                      className="min-h-10 rounded-lg px-3 text-sm font-semibold whitespace-nowrap text-red-600 hover:bg-red-50"
                    >
                      {t("delete")}
                    </button>
                  </span>
                </div>
                <ul className="mt-3 space-y-1 text-sm">
                  {group.choices.map((choice) => (
                    <li key={choice.id} className="flex items-center justify-between gap-2">
                      <span>
                        {nameOf(choice)}
                        {choice.isDefault ? <span className="ml-1.5 rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] font-semibold text-emerald-700">{t("defaultBadge")}</span> : null}
                      </span>
                      <span className="tabular text-muted">{choice.priceDelta > 0n ? `+${formatWon(choice.priceDelta, locale)}` : "—"}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Dialog open={doomed !== null} onClose={() => setDoomed(null)} label={t("confirmDeleteTitle", { name: doomed?.name ?? "" })} testId="delete-dialog">
        {doomed ? (
          <div className="p-6" data-testid="delete-confirm">
            <h2 className="text-lg font-bold break-keep">{t("confirmDeleteTitle", { name: doomed.name })}</h2>
            <p className="mt-2 text-sm break-keep text-muted">
              {doomed.kind === "item" ? t("confirmDeleteItem") : doomed.kind === "category" ? t("confirmDeleteCategory") : t("confirmDeleteGroup", { count: doomed.usage })}
            </p>
            <FormAlert text={deletion.error ? errors.errorText(failureOf(deletion.error).messageKey, detailsOf(deletion.error)) : null} />
            <div className="mt-6 flex justify-end gap-2">
              <button type="button" onClick={() => setDoomed(null)} className={secondaryButton}>
                {t("cancel")}
              </button>
              <button type="button" disabled={deletion.isPending} onClick={() => deletion.mutate({ id: doomed.id })} className={confirmDangerButton}>
                {deletion.isPending ? t("deleting") : t("confirmDelete")}
              </button>
            </div>
          </div>
        ) : null}
      </Dialog>
      <Dialog open={open?.kind === "category"} onClose={() => setOpen(null)} label={t("editCategory")} testId="category-dialog">
        {open?.kind === "category" ? <CategoryForm category={open.category} onDone={closeDialog} /> : null}
      </Dialog>
      <Dialog open={open?.kind === "item"} onClose={() => setOpen(null)} label={t("editItem")} wide testId="item-dialog">
        {open?.kind === "item" ? <ItemForm item={open.item} categoryId={selected?.id ?? null} menu={menu} onDone={closeDialog} /> : null}
      </Dialog>
      <Dialog open={open?.kind === "group"} onClose={() => setOpen(null)} label={t("editGroup")} wide testId="group-dialog">
        {open?.kind === "group" ? <OptionGroupForm group={open.group} onDone={closeDialog} /> : null}
      </Dialog>
    </div>
  );
}
