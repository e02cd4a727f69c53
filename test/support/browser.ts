import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Headless Chromium for browser tests, from the machine's packages (Debian's `chromium`, which
 * `.ci/run` installs), never downloaded: playwright-core only drives it. CHROMIUM_PATH overrides
 * where it is looked for.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, or set CHROMIUM_PATH)`;
  }
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors, in order, since the page opened. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** A fresh browser (its own throwaway profile) with one page whose console errors are collected. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'plano-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Well inside a test's timeout, so a step that waits in vain fails with its screenshot.
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where failing browser tests leave their screenshots (gitignored). */
export const ARTIFACTS_DIR = resolve('test-artifacts');

/**
 * Runs one step of a browser test; if it fails, saves a screenshot of the page as
 * test-artifacts/<name>.png and adds its path to the error, then fails as the step did.
 */
export async function withScreenshotOnFailure<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = join(ARTIFACTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    const saved = await page.screenshot({ path: file, fullPage: true }).then(
      () => `screenshot: ${file}`,
      (screenshotError: unknown) => `no screenshot (${String(screenshotError)})`,
    );
    console.error(`browser step "${name}" failed; ${saved}`);
    if (error instanceof Error) {
      // Jest prints the stack, which V8 wrote with the message of the moment: update both.
      const original = error.message;
      error.message = `${original}\n${saved}`;
      if (error.stack) error.stack = error.stack.replace(original, error.message);
      throw error;
    }
    throw new Error(`${String(error)}\n${saved}`);
  }
}
