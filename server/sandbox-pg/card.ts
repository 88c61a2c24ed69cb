/**
 * What the sandbox PG's page does with a card number: checks it as a card company would
 * (13–19 digits, Luhn check digit, an expiry in the future) and keeps only a masked label.
 * The number itself is never stored, logged or sent anywhere.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Digits of something typed as a card number, spaces and dashes allowed; null when it cannot be one. */
export function cardDigits(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  if (!/^\d{13,19}$/.test(digits)) return null;
  return luhnValid(digits) ? digits : null;
}

export function maskCard(digits: string): string {
  return `****-****-****-${digits.slice(-4)}`;
}

/** "MM/YY" (or MMYY) not yet past at `now`: a card is valid through the last day of its month. */
export function expiryValid(typed: string, now: Date): boolean {
  const match = /^(\d{2})\s*\/?\s*(\d{2})$/.exec(typed.trim());
  if (!match) return false;
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return false;
  const firstDayAfter = Date.UTC(year, month, 1);
  return now.getTime() < firstDayAfter;
}

/**
 * Every run of 13–19 digits (single spaces or dashes between them allowed, nothing digit-like
 * around it) that passes Luhn: what a data-loss scanner flags as a card number.
 */
export function findCardNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![\d])\d(?:[ -]?\d){12,18}(?![ -]?\d)/g)) {
    const digits = match[0].replace(/[ -]/g, "");
    // Card numbers start with a major industry identifier of 2–6 or 9 (Korean domestic cards);
    // a millisecond timestamp (1…) or a zero-padded id (0…) that happens to pass Luhn is not one.
    if (/^[2-69]/.test(digits) && luhnValid(digits)) found.push(digits);
  }
  return found;
}
