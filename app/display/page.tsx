import { getLocale, getTranslations } from "next-intl/server";
import { serverApi } from "@/server/trpc/server";
import { LiveRefresh } from "@/components/live/live-refresh";
import { Logo } from "@/components/ui/logo";
import type { SearchParams } from "@/lib/search-params";

/** The TV over the counter: numbers being made and numbers ready, readable from across the room. */
export default async function PickupDisplay({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const store = typeof params.store === "string" ? params.store : "hq-cafe";
  const [t, locale] = await Promise.all([getTranslations("display"), getLocale()]);
  const board = await (await serverApi()).orders.pickupBoard({ store }).catch(() => null);
  if (!board) {
    return <main className="flex min-h-dvh items-center justify-center bg-ink text-3xl text-white">{t("unknownStore")}</main>;
  }
  return (
    <main className="flex min-h-dvh flex-col bg-ink text-white">
      <LiveRefresh streamUrl={`/api/events/orders?store=${encodeURIComponent(store)}`} />
      <header className="flex items-center justify-between px-10 py-6">
        <Logo className="text-3xl" />
        <span className="text-3xl font-semibold">{locale === "ko" ? board.store.nameKo : board.store.nameEn}</span>
      </header>
      <div className="grid flex-1 grid-cols-2 gap-8 px-10 pb-10">
        <section className="rounded-3xl bg-white/5 p-8" data-testid="display-preparing">
          <h1 className="text-4xl font-bold text-white/70">{t("preparing")}</h1>
          <ul className="mt-8 flex flex-wrap gap-6">
            {board.preparing.map((number) => (
              <li key={number} className="tabular text-7xl font-bold text-white/80">{number}</li>
            ))}
          </ul>
        </section>
        <section className="rounded-3xl bg-brand-500 p-8" data-testid="display-ready">
          <h1 className="text-4xl font-bold">{t("ready")}</h1>
          <ul className="mt-8 flex flex-wrap gap-6">
            {board.ready.map((number) => (
              <li key={number} className="tabular text-8xl font-black">{number}</li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
