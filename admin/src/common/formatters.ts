const moneyFormat = new Intl.NumberFormat('vi-VN', {
  style: 'currency',
  currency: 'VND',
  maximumFractionDigits: 0,
});
const groupedFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** `1500000` → `1.500.000 ₫`. Money as the API sends it: a number, or for a sum past 2^53 − 1 a string of digits (exact). */
export const formatMoney = (amount: number | string) =>
  moneyFormat.format(typeof amount === 'string' ? BigInt(amount) : amount);

/** What a money input shows: `1500000` → `1.500.000`; text that is not a number stays as typed. */
export const formatMoneyInput = (value: unknown): string =>
  typeof value === 'number' ? groupedFormat.format(value) : typeof value === 'string' ? value : '';

/** Reads `1500000`, `1.500.000`, `1 500 000 ₫` as whole đồng; anything else is kept for validation. */
export function parseMoneyInput(text: string): number | string | null {
  const compact = text.replace(/[\s.₫đ]/gi, '');
  if (compact === '') return null;
  return /^\d+$/.test(compact) ? Number(compact) : text;
}

/** Today in the user's time zone, as the `YYYY-MM-DD` the date inputs use. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A calendar date `2014-06-30` as `30/06/2014`; anything else is returned unchanged. */
export function formatDay(value: unknown): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/**
 * What is typed into a date input, `29/11/2026` (also `29-11-2026`, `29.11.2026`, `2026-11-29`),
 * as `2026-11-29`; a day that does not exist (31/02) or unfinished text is kept for validation.
 */
export function parseDay(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const [year, month, day] = local
    ? [local[3], local[2], local[1]]
    : iso
      ? [iso[1], iso[2], iso[3]]
      : [];
  if (!year || !month || !day) return value;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return value;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
