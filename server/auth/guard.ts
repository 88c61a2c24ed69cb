import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "./index";
import { faceRoles, type Face, type SessionUser } from "./roles";

/** The session of this request, read once however many components ask. */
export const currentSession = cache(() => auth());

/** Lets through only the roles of a face; anyone else lands on the sign-in page, told why. */
export async function requireFace(face: Face): Promise<SessionUser> {
  const session = await currentSession();
  if (!session) redirect(`/login?face=${face}&reason=signin`);
  if (!faceRoles[face].includes(session.user.role)) redirect(`/login?face=${face}&reason=forbidden`);
  return session.user;
}

export function faceOfPath(path: string): Face | null {
  const match = /^\/(kiosk|pay|admin)(\/|$|\?)/.exec(path);
  return (match?.[1] as Face | undefined) ?? null;
}
