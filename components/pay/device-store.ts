/**
 * What this phone keeps about its pay registration, per signed-in person, in localStorage:
 * the secret makes codes with no signal, and the server never hands it out again.
 */
export type StoredDevice =
  | { state: "active"; deviceId: string; deviceNo: number; secret: string; label: string; registeredAt: string }
  | { state: "revoked"; deviceId: string; deviceNo: number; label: string };

const deviceKey = (userId: string) => `canteen.pay.device.${userId}`;

function isStoredDevice(value: unknown): value is StoredDevice {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const base = typeof v.deviceId === "string" && typeof v.deviceNo === "number" && typeof v.label === "string";
  if (v.state === "active") return base && typeof v.secret === "string" && typeof v.registeredAt === "string";
  return base && v.state === "revoked";
}

export function readDevice(userId: string): StoredDevice | null {
  try {
    const raw = localStorage.getItem(deviceKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isStoredDevice(parsed) ? parsed : null;
  } catch {
    // Private mode or a corrupted entry: behave as an unregistered phone.
    return null;
  }
}

export function writeDevice(userId: string, device: StoredDevice) {
  localStorage.setItem(deviceKey(userId), JSON.stringify(device));
}

/** Forgets the secret: a revoked device's codes are refused anyway, and it should not linger. */
export function markRevoked(userId: string, device: StoredDevice): StoredDevice {
  const revoked: StoredDevice = { state: "revoked", deviceId: device.deviceId, deviceNo: device.deviceNo, label: device.label };
  writeDevice(userId, revoked);
  return revoked;
}

const homeKey = (userId: string) => `canteen.pay.home.${userId}`;

/** The last home data seen online, kept as superjson-free JSON (bigint as digits). */
export type HomeSnapshot = {
  asOf: string;
  walletBalance: string;
  vouchers: {
    grantId: string;
    meal: "breakfast" | "lunch" | "dinner";
    amount: string;
    left: string;
    validFrom: string;
    validUntil: string;
    windowStart: string | null;
    windowEnd: string | null;
    refusal: string | null;
    usableNow: boolean;
  }[];
};

export function readHomeSnapshot(userId: string): HomeSnapshot | null {
  try {
    const raw = localStorage.getItem(homeKey(userId));
    const parsed = raw ? (JSON.parse(raw) as HomeSnapshot) : null;
    return parsed && typeof parsed.asOf === "string" && Array.isArray(parsed.vouchers) ? parsed : null;
  } catch {
    return null;
  }
}

export function writeHomeSnapshot(userId: string, snapshot: HomeSnapshot) {
  try {
    localStorage.setItem(homeKey(userId), JSON.stringify(snapshot));
  } catch {
    // A full storage only costs the offline copy.
  }
}

type HomeData = {
  asOf: Date;
  walletBalance: bigint;
  vouchers: {
    grantId: string;
    meal: "breakfast" | "lunch" | "dinner";
    amount: bigint;
    left: bigint;
    validFrom: Date;
    validUntil: Date;
    windowStart: string | null;
    windowEnd: string | null;
    refusal: string | null;
    usableNow: boolean;
  }[];
};

/** The home data as kept on the phone (and handed from the server page to the client). */
export function toSnapshot(data: HomeData): HomeSnapshot {
  return {
    asOf: data.asOf.toISOString(),
    walletBalance: data.walletBalance.toString(),
    vouchers: data.vouchers.map((v) => ({
      grantId: v.grantId,
      meal: v.meal,
      amount: v.amount.toString(),
      left: v.left.toString(),
      validFrom: v.validFrom.toISOString(),
      validUntil: v.validUntil.toISOString(),
      windowStart: v.windowStart,
      windowEnd: v.windowEnd,
      refusal: v.refusal,
      usableNow: v.usableNow,
    })),
  };
}
