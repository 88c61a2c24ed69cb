"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { listPayDevicesAction, registerPayDeviceAction, revokePayDeviceAction } from "@/server/actions/pay";
import { markRevoked, readDevice, writeDevice, type StoredDevice } from "./device-store";
import { useOnline } from "./use-online";

type DeviceStatus = "loading" | "none" | "registering" | "active" | "revoked" | "failed";

type PayDeviceValue = {
  userId: string;
  status: DeviceStatus;
  device: StoredDevice | null;
  /** The message key under `errors` of a failed registration. */
  errorKey: string | null;
  register: () => void;
  /** Called when this phone is revoked from the app, so the code screen stops at once. */
  forgetRevoked: (deviceId: string) => void;
};

const pendingKey = (userId: string) => `canteen.pay.registering.${userId}`;
type Pending = { startedAt: string; label: string };

function readPending(userId: string): Pending | null {
  try {
    const value = JSON.parse(localStorage.getItem(pendingKey(userId)) ?? "null") as Pending | null;
    return value && typeof value.startedAt === "string" && typeof value.label === "string" ? value : null;
  } catch {
    return null;
  }
}
const writePending = (userId: string, pending: Pending) => localStorage.setItem(pendingKey(userId), JSON.stringify(pending));
const clearPending = (userId: string) => localStorage.removeItem(pendingKey(userId));

/**
 * A registration cut off by leaving the page (the server made a device whose secret never
 * reached this phone) leaves a marker; the next registration revokes what that attempt made,
 * so no active device exists whose secret nobody holds.
 */
async function revokeOrphans(interrupted: Pending, keep: string) {
  const listed = await listPayDevicesAction();
  if (!listed.ok) return;
  const since = Date.parse(interrupted.startedAt) - 60_000;
  for (const row of listed.data) {
    if (row.deviceId !== keep && row.status === "active" && row.label === interrupted.label && row.createdAt.getTime() >= since) {
      await revokePayDeviceAction(row.deviceId);
    }
  }
}

const PayDeviceContext = createContext<PayDeviceValue | null>(null);

export function usePayDevice() {
  const value = useContext(PayDeviceContext);
  if (!value) throw new Error("usePayDevice outside PayDeviceProvider");
  return value;
}

/**
 * Knows whether this phone is registered for the signed-in person: registers it on first
 * use, and when online asks the server whether it was revoked since (from More, another
 * phone or HR). Offline it trusts what it kept.
 */
export function PayDeviceProvider({ userId, children }: { userId: string; children: React.ReactNode }) {
  const online = useOnline();
  const [device, setDevice] = useState<StoredDevice | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const autoRegistered = useRef(false);

  useEffect(() => {
    setDevice(readDevice(userId));
    setLoaded(true);
  }, [userId]);

  const register = useCallback(() => {
    if (registering) return;
    setRegistering(true);
    setErrorKey(null);
    // The phone's name is needed once per registration: its parser loads only then.
    let label = "Phone";
    const interrupted = readPending(userId);
    const startedAt = new Date().toISOString();
    import("./describe-phone")
      .then(({ describeThisPhone }) => {
        label = describeThisPhone(navigator.userAgent);
        writePending(userId, { startedAt, label });
        return registerPayDeviceAction(label);
      })
      .then((result) => {
        if (!result.ok) return setErrorKey(result.error);
        clearPending(userId);
        if (interrupted) void revokeOrphans(interrupted, result.data.deviceId);
        const stored: StoredDevice = {
          state: "active",
          deviceId: result.data.deviceId,
          deviceNo: result.data.deviceNo,
          secret: result.data.secret,
          label,
          registeredAt: new Date().toISOString(),
        };
        writeDevice(userId, stored);
        setDevice(stored);
      })
      .catch(() => setErrorKey("generic"))
      .finally(() => setRegistering(false));
  }, [registering, userId]);

  // First sign-in on this phone: register without asking. A revoked phone waits for a tap.
  useEffect(() => {
    if (!loaded || device || !online || autoRegistered.current) return;
    autoRegistered.current = true;
    register();
  }, [loaded, device, online, register]);

  // Online, ask whether this phone still may pay; only a clear answer from the server changes it.
  const activeId = device?.state === "active" ? device.deviceId : null;
  useEffect(() => {
    if (!activeId || !online) return;
    let current = true;
    listPayDevicesAction()
      .then((result) => {
        if (!current || !result.ok) return;
        const known = result.data.find((row) => row.deviceId === activeId);
        const stored = readDevice(userId);
        if ((!known || known.status === "revoked") && stored?.deviceId === activeId) setDevice(markRevoked(userId, stored));
      })
      .catch(() => {
        // No answer (the signal dropped): keep showing codes; the kiosk has the last word.
      });
    return () => {
      current = false;
    };
  }, [activeId, online, userId]);

  const forgetRevoked = useCallback(
    (deviceId: string) => {
      const current = readDevice(userId);
      if (current?.deviceId === deviceId) setDevice(markRevoked(userId, current));
    },
    [userId],
  );

  const status: DeviceStatus = !loaded
    ? "loading"
    : device?.state === "active"
      ? "active"
      : registering
        ? "registering"
        : errorKey
          ? "failed"
          : device?.state === "revoked"
            ? "revoked"
            : "none";

  return (
    <PayDeviceContext.Provider value={{ userId, status, device, errorKey, register, forgetRevoked }}>{children}</PayDeviceContext.Provider>
  );
}
