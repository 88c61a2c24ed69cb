import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { OrderAhead } from "@/components/pay/order/order-ahead";

/** Order ahead: pick a store, then (with `?store=<code>`) its menu, the cart and payment. */
export default async function OrderAheadPage({ searchParams }: { searchParams: Promise<{ store?: string | string[] }> }) {
  await requireFace("pay");
  const [api, t, tHours, locale, params] = await Promise.all([
    serverApi(),
    getTranslations("orderAhead"),
    getTranslations("storeHours"),
    getLocale().then(toLocale),
    searchParams,
  ]);
  const storeCode = typeof params.store === "string" ? params.store : null;

  if (storeCode) {
    const loaded = await api.orderAhead.menu({ store: storeCode }).catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      throw error;
    });
    return <OrderAhead key={loaded.store.id} store={loaded.store} menu={loaded.menu} funds={loaded.funds} locale={locale} />;
  }

  const stores = await api.orderAhead.stores();
  return (
    <>
      <header className="px-6 pt-6 pb-2">
        <h1 className="text-[22px] font-bold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("pickStore")}</p>
      </header>
      <main className="flex-1 space-y-3 px-4 pt-3">
        <ul className="space-y-3" data-testid="order-stores">
          {stores.map((store) => (
            <li key={store.id}>
              <Link
                href={`/pay/order?store=${encodeURIComponent(store.code)}`}
                data-testid="order-store-link"
                className="flex min-h-20 items-center gap-4 rounded-3xl bg-white px-5 py-4 shadow-sm active:bg-brand-50"
              >
                <span aria-hidden className="flex size-12 shrink-0 items-center justify-center rounded-2xl bg-brand-50 text-brand-600">
                  <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                    <path d="M4 10h16l-1.5-5h-13zM5 10v9a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-9M10 20v-5h4v5" />
                  </svg>
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-[17px] font-bold">{locale === "ko" ? store.nameKo : store.nameEn}</span>
                  <span className="block text-sm text-muted">
                    {store.hours.kind === "closed" ? (
                      <span className="font-semibold" data-testid="store-hours-badge">{tHours("closed")}</span>
                    ) : store.hours.kind === "open" ? (
                      <span className="font-semibold text-emerald-700" data-testid="store-hours-badge">{tHours("openUntil", { close: store.hours.today.close })}</span>
                    ) : (
                      t("storeHint")
                    )}
                  </span>
                </span>
                <svg viewBox="0 0 24 24" className="size-5 text-muted" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden>
                  <path d="M9 5l7 7-7 7" />
                </svg>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
