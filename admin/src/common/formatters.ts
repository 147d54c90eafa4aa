const moneyFormat = new Intl.NumberFormat('vi-VN', {
  style: 'currency',
  currency: 'VND',
  maximumFractionDigits: 0,
});
const groupedFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** `1500000` → `1.500.000 ₫`. */
/** Money as the API sends it: a number, or for a sum past 2^53 − 1 a string of digits (exact). */
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
