import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`), or the one named by CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Decided once, when a test file is collected: every browser test in it runs or none does. */
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** CI=true (or 1, yes): a missing browser is a failure there, never a silent skip. */
const IN_CI = /^(true|1|yes)$/i.test(process.env.CI ?? '');

const INSTALL_HINT = 'apt-get install chromium, or set CHROMIUM_PATH';

let warned = false;

/**
 * `describe` for tests that drive the admin in Chromium. Without Chromium the whole block is
 * skipped (vitest lists its tests as skipped, and a message says why); under CI=true it throws at
 * collection instead, so the file fails and the run is red.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (HAS_CHROMIUM) {
    describe(name, body);
    return;
  }
  if (IN_CI) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: browser tests cannot be skipped under CI=${process.env.CI} (${INSTALL_HINT})`,
    );
  }
  if (!warned) {
    warned = true;
    console.warn(`Chromium not found at ${CHROMIUM_PATH}: browser tests skipped (${INSTALL_HINT})`);
  }
  describe.skip(`${name} (no Chromium at ${CHROMIUM_PATH})`, body);
}

/** Debian's Chromium, headless; only called inside `describeBrowser`, where it exists. */
export async function launchBrowser(): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (${INSTALL_HINT})`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
