import type { UserRole } from "@/db/schema/users";

export type SessionUser = {
  id: string;
  role: UserRole;
  name: string;
  email: string;
  storeId: string | null;
};

export type Face = "kiosk" | "pay" | "admin";

/** Who may open each face. */
export const faceRoles: Record<Face, readonly UserRole[]> = {
  kiosk: ["barista"],
  pay: ["employee"],
  admin: ["store_manager", "hr_admin"],
};

export function homeFor(role: UserRole): `/${Face}` {
  switch (role) {
    case "barista":
      return "/kiosk";
    case "employee":
      return "/pay";
    case "store_manager":
    case "hr_admin":
      return "/admin";
  }
}

/** Only same-site paths may be used as a post-sign-in destination (no open redirect). */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  return next;
}
