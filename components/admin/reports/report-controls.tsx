import Link from "next/link";
import { getTranslations } from "next-intl/server";

const input = "min-h-11 rounded-lg border border-line bg-white px-3 text-sm outline-none focus:border-brand-500";
const button = "min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white hover:bg-ink/90";

type Preset = { key: "presetThisMonth" | "presetLastMonth" | "presetLast30"; from: string; to: string };

/** The dashboard's range as a plain GET form (the URL keeps it) with one-click presets. */
export async function RangeFilter(props: {
  from: string;
  to: string;
  storeId: string | null;
  stores: { id: string; name: string }[];
  presets: Preset[];
}) {
  const t = await getTranslations("reports");
  const query = (preset: Preset) => {
    const params = new URLSearchParams({ from: preset.from, to: preset.to });
    if (props.storeId) params.set("store", props.storeId);
    return `?${params.toString()}`;
  };
  return (
    <div className="flex flex-wrap items-end justify-between gap-4 rounded-xl border border-line bg-white px-5 py-4">
      <form method="get" className="flex flex-wrap items-end gap-3" data-testid="range-filter">
        <label className="text-sm font-medium">
          <span className="block text-muted">{t("from")}</span>
          <input type="date" name="from" defaultValue={props.from} required className={`${input} mt-1`} />
        </label>
        <label className="text-sm font-medium">
          <span className="block text-muted">{t("to")}</span>
          <input type="date" name="to" defaultValue={props.to} required className={`${input} mt-1`} />
        </label>
        <label className="text-sm font-medium">
          <span className="block text-muted">{t("store")}</span>
          <select name="store" defaultValue={props.storeId ?? ""} className={`${input} mt-1 min-w-36`}>
            <option value="">{t("allStores")}</option>
            {props.stores.map((store) => (
              <option key={store.id} value={store.id}>{store.name}</option>
            ))}
          </select>
        </label>
        <button type="submit" className={button}>{t("apply")}</button>
      </form>
      <nav className="flex gap-2" aria-label={t("presets")}>
        {props.presets.map((preset) => {
          const active = preset.from === props.from && preset.to === props.to;
          return (
            <Link
              key={preset.key}
              href={query(preset)}
              aria-current={active ? "true" : undefined}
              className="flex min-h-11 items-center rounded-lg border border-line px-4 text-sm font-semibold text-muted hover:bg-canvas aria-[current=true]:border-brand-500 aria-[current=true]:bg-brand-50 aria-[current=true]:text-brand-700"
            >
              {t(preset.key)}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}

/** A month picker as a GET form, with the month's downloads beside it. */
export async function MonthBar(props: { month: string; label: string; exportPath: string; locale: "ko" | "en"; children?: React.ReactNode }) {
  const t = await getTranslations("reports");
  const file = (format: "csv" | "xlsx") => `${props.exportPath}?month=${props.month}&format=${format}&lang=${props.locale}`;
  return (
    <div className="flex flex-wrap items-end justify-between gap-4 rounded-xl border border-line bg-white px-5 py-4">
      <form method="get" className="flex items-end gap-3">
        <label className="text-sm font-medium">
          <span className="block text-muted">{props.label}</span>
          <input type="month" name="month" defaultValue={props.month} required className={`${input} mt-1`} />
        </label>
        <button type="submit" className={button}>{t("show")}</button>
        {props.children}
      </form>
      <div className="flex gap-2">
        <a href={file("csv")} download className="flex min-h-11 items-center rounded-lg border border-line px-4 text-sm font-semibold hover:bg-canvas" data-testid="download-csv">
          {t("downloadCsv")}
        </a>
        <a href={file("xlsx")} download className="flex min-h-11 items-center rounded-lg bg-brand-500 px-4 text-sm font-semibold text-white hover:bg-brand-600" data-testid="download-xlsx">
          {t("downloadXlsx")}
        </a>
      </div>
    </div>
  );
}

export function StatCard(props: { label: string; value: string; note?: string; testId?: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-line bg-white px-5 py-4">
      <p className="text-sm font-medium text-muted">{props.label}</p>
      <p className="tabular mt-1 text-2xl font-bold" data-testid={props.testId}>{props.value}</p>
      {props.note ? <p className="mt-1 text-xs text-muted">{props.note}</p> : null}
      {props.children}
    </div>
  );
}

export function Panel(props: { title: string; note?: string; className?: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className={`rounded-xl border border-line bg-white p-5 ${props.className ?? ""}`} data-testid={props.testId}>
      <h2 className="font-semibold">{props.title}</h2>
      {props.note ? <p className="mt-0.5 text-xs text-muted">{props.note}</p> : null}
      <div className="mt-4">{props.children}</div>
    </section>
  );
}
