/** A page's query string as Next.js hands it to a server component. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One filter value from the query string; a repeated or empty one counts as not given. */
export function filterParam(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
