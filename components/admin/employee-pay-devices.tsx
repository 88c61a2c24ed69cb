"use client";

import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { TRPCReactProvider, useTRPC } from "@/components/trpc/provider";
import { describeFailure } from "@/components/kiosk/payment-logic";

/** HR's "pay devices" action on an employee row: a dialog listing their phones, each revocable. */
export function EmployeePayDevicesButton(props: { employeeId: string; name: string }) {
  const t = useTranslations("payDevicesAdmin");
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="employee-pay-devices"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="min-h-9 rounded-lg border border-line bg-white px-3 text-xs font-semibold text-ink hover:bg-canvas"
      >
        {t("open")}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-label={t("title", { name: props.name })}
        className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-2xl p-0 text-left shadow-xl backdrop:bg-ink/40"
      >
        {open ? (
          <TRPCReactProvider>
            <DevicesOfEmployee {...props} onClose={() => dialog.current?.close()} />
          </TRPCReactProvider>
        ) : null}
      </dialog>
    </>
  );
}

function DevicesOfEmployee({ employeeId, name, onClose }: { employeeId: string; name: string; onClose: () => void }) {
  const t = useTranslations("payDevicesAdmin");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const devices = useQuery(trpc.payDevices.ofEmployee.queryOptions({ employeeId }));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.payDevices.revokeOfEmployee.mutationOptions({
      onSuccess: async () => {
        setConfirming(null);
        setError(null);
        await queryClient.invalidateQueries({ queryKey: trpc.payDevices.ofEmployee.queryKey({ employeeId }) });
      },
      onError: (failure) => {
        const described = describeFailure(failure);
        setError(tErrors(described.kind === "refused" && tErrors.has(described.messageKey) ? described.messageKey : "generic"));
      },
    }),
  );
  const date = (value: Date) => format.dateTime(value, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

  return (
    <div className="p-6" data-testid="employee-pay-devices-dialog">
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-bold">{t("title", { name })}</h2>
        <button type="button" onClick={onClose} className="min-h-10 rounded-lg px-3 text-sm font-medium text-muted hover:bg-canvas">
          {t("close")}
        </button>
      </div>
      {error ? <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {!devices.data ? (
        <div className="mt-4 h-16 animate-pulse rounded-xl bg-canvas" />
      ) : devices.data.length === 0 ? (
        <p className="mt-6 mb-2 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul className="mt-4 divide-y divide-line rounded-xl border border-line">
          {devices.data.map((device) => (
            <li key={device.deviceId} data-testid="admin-pay-device" className="flex items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-semibold">{device.label}</p>
                <p className="text-xs text-muted">
                  <span className="tabular">{t("deviceNo", { deviceNo: String(device.deviceNo) })}</span> ·{" "}
                  {device.status === "revoked" && device.revokedAt ? t("revokedAt", { date: date(device.revokedAt) }) : t("registeredAt", { date: date(device.createdAt) })}
                </p>
              </div>
              {device.status === "revoked" ? (
                <span className="rounded-md bg-canvas px-2 py-1 text-xs font-semibold text-muted">{t("revoked")}</span>
              ) : confirming === device.deviceId ? (
                <button
                  type="button"
                  data-testid="admin-confirm-revoke"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ employeeId, deviceId: device.deviceId })}
                  className="min-h-9 rounded-lg bg-red-500 px-3 text-xs font-bold text-white disabled:opacity-50"
                >
                  {t("confirm")}
                </button>
              ) : (
                <button
                  type="button"
                  data-testid="admin-revoke"
                  onClick={() => setConfirming(device.deviceId)}
                  className="min-h-9 rounded-lg border border-line px-3 text-xs font-semibold text-red-600 hover:bg-red-50"
                >
                  {t("revoke")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
