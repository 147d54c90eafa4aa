import type { RequestContext } from './context';
import { Role } from './roles';

/**
 * Analysts study the program, not people: names, addresses and free text about a family reach
 * them de-identified, whatever query they write (the field itself is masked, not a screen; which
 * fields, and how, is declared once in personal-data.ts).
 */
export const DEIDENTIFIED_ROLES: readonly Role[] = [Role.ANALYST];

export function deidentified(ctx: RequestContext): boolean {
  return !!ctx.user && DEIDENTIFIED_ROLES.includes(ctx.user.role);
}

/** "Nguyễn Văn An" → "N. V. A." */
export function initials(name: unknown): unknown {
  if (typeof name !== 'string') return name;
  return name
    .split(/\s+/)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => !!letter)
    .map((letter) => `${letter.toUpperCase()}.`)
    .join(' ');
}

export const hidden = (): null => null;

/** For required free text: says it is hidden rather than pretending it is empty. */
export const redacted = (): string => '(đã ẩn)';

/** An identity number with every character hidden. */
export const stars = (value: unknown): unknown =>
  typeof value === 'string' ? '*'.repeat(value.length) : value;
