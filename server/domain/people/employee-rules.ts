/** What an employee number may look like: HR systems use letters, digits, '-' and '_'. */
export const EMPLOYEE_NO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
export const NAME_MAX = 100;

/**
 * A hire date as spreadsheets write it: 2024-03-02, 2024.03.02, 2024. 3. 2., 2024/3/2 or
 * 20240302. Returns YYYY-MM-DD, or null when it is not a real calendar date.
 */
export function parseHireDate(text: string): string | null {
  const match = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$/.exec(text.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1950 || year > 2100) return null;
  return date.toISOString().slice(0, 10);
}
