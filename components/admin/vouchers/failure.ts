import { TRPCClientError } from "@trpc/client";

/** The message key and per-field keys a refused HR call carries, for translated display. */
export function failureOf(error: unknown): { messageKey: string; fields: Record<string, string> } {
  if (!(error instanceof TRPCClientError)) return { messageKey: "generic", fields: {} };
  const data = error.data as { messageKey?: unknown; fieldErrors?: unknown } | undefined;
  const fields: Record<string, string> = {};
  if (data?.fieldErrors && typeof data.fieldErrors === "object") {
    for (const [field, messages] of Object.entries(data.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(messages) && typeof messages[0] === "string") fields[field] = messages[0];
    }
  }
  return { messageKey: typeof data?.messageKey === "string" ? data.messageKey : Object.keys(fields).length ? "invalidForm" : "generic", fields };
}

export const newKey = () => crypto.randomUUID();
