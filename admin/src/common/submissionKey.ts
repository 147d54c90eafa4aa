import { useState } from 'react';

/** A random UUID (v4), also where crypto.randomUUID is missing: pages served over plain http. */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key for the life of a form: a double click, or a retry after a lost answer, sends the same
 * key, and the server records the entry once.
 */
export const useSubmissionKey = () => useState(newSubmissionKey)[0];
