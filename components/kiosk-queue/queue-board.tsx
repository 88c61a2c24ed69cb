"use client";

import { useCallback, useRef, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { advanceQueuedOrder } from "@/server/actions/queue";
import { LiveRefresh } from "@/components/live/live-refresh";

type QueueOrder = {
  id: string;
  pickupNumber: number;
  status: "paid" | "preparing" | "ready" | string;
  source: "kiosk" | "pay_app";
  lines: { nameKo: string; nameEn: string; quantity: number; options: { nameKo: string; nameEn: string }[] }[];
};

const columns = [
  { status: "paid", next: "preparing", key: "new" },
  { status: "preparing", next: "ready", key: "preparing" },
  { status: "ready", next: "picked_up", key: "ready" },
] as const;

/** A short chime made in the browser, so a paid-ahead order is heard over the rush without an audio file. */
function chime() {
  try {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.6);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.6);
  } catch {
    // no audio device: the order still appears on screen
  }
}

export function QueueBoard({ orders }: { orders: QueueOrder[] }) {
  const t = useTranslations("queue");
  const tErrors = useTranslations("errors");
  const locale = useLocale();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(new Set<string>());
  const onOrder = useCallback((event: { status: string; source?: string }) => {
    if (event.status === "paid" && event.source === "pay_app") chime();
  }, []);
  const name = (row: { nameKo: string; nameEn: string }) => (locale === "ko" ? row.nameKo : row.nameEn);

  const advance = (order: QueueOrder, to: (typeof columns)[number]["next"]) => {
    if (busy.current.has(order.id)) return;
    busy.current.add(order.id);
    startTransition(async () => {
      const result = await advanceQueuedOrder({ orderId: order.id, to });
      busy.current.delete(order.id);
      setError(result.error ? tErrors(result.error as "generic") : null);
    });
  };

  return (
    <div className="flex h-full flex-col p-5">
      <LiveRefresh streamUrl="/api/events/orders" onOrder={onOrder} />
      {error ? (
        <p role="alert" className="mb-3 rounded-xl bg-red-50 px-4 py-3 font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-3 gap-4" aria-busy={pending}>
        {columns.map((column) => {
          const inColumn = orders.filter((order) => order.status === column.status);
          return (
            <section key={column.status} data-testid={`queue-${column.key}`} className="flex min-h-0 flex-col rounded-2xl bg-white shadow-sm">
              <h2 className="flex items-center justify-between border-b border-line px-4 py-3 text-lg font-bold">
                {t(column.key)}
                <span className="rounded-full bg-canvas px-3 py-0.5 text-sm text-muted">{inColumn.length}</span>
              </h2>
              <ul className="min-h-0 flex-1 space-y-3 overflow-y-auto p-3">
                {inColumn.map((order) => (
                  <li key={order.id}>
                    <button
                      onClick={() => advance(order, column.next)}
                      data-testid="queue-order"
                      className="w-full rounded-xl border border-line p-4 text-left active:bg-canvas"
                    >
                      <span className="flex items-baseline justify-between">
                        <span className="tabular text-3xl font-bold">{order.pickupNumber}</span>
                        {order.source === "pay_app" ? (
                          <span className="rounded-md bg-brand-50 px-2 py-1 text-xs font-semibold text-brand-700">{t("orderAhead")}</span>
                        ) : null}
                      </span>
                      <ul className="mt-2 space-y-1 text-sm">
                        {order.lines.map((line, index) => (
                          <li key={index}>
                            <span className="font-semibold">
                              {name(line)} × {line.quantity}
                            </span>
                            {line.options.length > 0 ? (
                              <span className="block text-muted">{line.options.map(name).join(" · ")}</span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                      <span className="mt-3 flex min-h-12 items-center justify-center rounded-lg bg-ink text-base font-semibold text-white">
                        {t(`advance.${column.next}`)}
                      </span>
                    </button>
                  </li>
                ))}
                {inColumn.length === 0 ? <li className="py-10 text-center text-sm text-muted">{t("empty")}</li> : null}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
