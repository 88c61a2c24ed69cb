"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure } from "@/components/kiosk/payment-logic";

/** Pair a tablet with a one-time code, and unpair the store's tablets. */
export function DevicesPanel() {
  const t = useTranslations("devices");
  const tErrors = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const devices = useQuery(trpc.devices.list.queryOptions());
  const [issued, setIssued] = useState<{ code: string; expiresAt: Date } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onError = (failure: unknown) => {
    const described = describeFailure(failure);
    setError(tErrors(described.kind === "refused" && tErrors.has(described.messageKey) ? described.messageKey : "generic"));
  };
  const issue = useMutation(trpc.devices.issueCode.mutationOptions({ onSuccess: setIssued, onError }));
  const unpair = useMutation(
    trpc.devices.unpair.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.devices.list.queryKey() }),
      onError,
    }),
  );
  const time = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="mt-6 space-y-6">
      {error ? (
        <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <section className="rounded-xl border border-line bg-white p-6">
        <button
          type="button"
          disabled={issue.isPending}
          onClick={() => {
            setError(null);
            issue.mutate();
          }}
          className="min-h-12 rounded-xl bg-brand-500 px-5 font-semibold text-white hover:bg-brand-600 disabled:opacity-60"
        >
          {t("pair")}
        </button>
        {issued ? (
          <div className="mt-5">
            <p className="text-sm text-muted">{t("codeHelp")}</p>
            <p data-testid="pairing-code" className="tabular mt-2 text-6xl font-bold tracking-[0.3em]">
              {issued.code}
            </p>
            <p className="mt-2 text-sm text-muted">{t("codeExpires", { time: time.format(issued.expiresAt) })}</p>
          </div>
        ) : null}
      </section>
      <section className="overflow-hidden rounded-xl border border-line bg-white">
        <table className="w-full text-left text-sm" data-testid="devices-table">
          <thead className="border-b border-line bg-canvas/60 text-muted">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">{t("name")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("pairedAt")}</th>
              <th scope="col" className="px-4 py-3" />
            </tr>
          </thead>
          <tbody>
            {devices.data?.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-4 py-6 text-center text-muted">{t("empty")}</td>
              </tr>
            ) : null}
            {devices.data?.map((device) => (
              <tr key={device.id} className="border-b border-line last:border-0">
                <td className="px-4 py-3 font-medium">{device.name}</td>
                <td className="px-4 py-3 text-muted">{device.pairedAt ? time.format(device.pairedAt) : ""}</td>
                <td className="px-4 py-3 text-right">
                  <button
                    type="button"
                    disabled={unpair.isPending}
                    onClick={() => {
                      setError(null);
                      unpair.mutate({ deviceId: device.id });
                    }}
                    className="min-h-12 rounded-xl border border-line px-4 font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60"
                  >
                    {t("unpair")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
