/**
 * Typed failures of business rules. Each carries a message key under `errors.` in
 * messages/*.json so the UI can say what went wrong in the user's language.
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "BAD_REQUEST"
  | "CONFLICT"
  | "FORBIDDEN"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messageKey: string,
    message: string,
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (messageKey: string, message: string) => new DomainError("NOT_FOUND", messageKey, message);
