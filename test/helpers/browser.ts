/**
 * Headless Chromium for the report tests: Debian's /usr/bin/chromium driven by playwright-core (never a browser
 * download), with the flags this machine's closed network needs, and a page that records what a reader would not
 * see: console errors, page errors, and every network request.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Why a browser test cannot run: it fails with this (never skips), so a CI without Chromium does not pass it. */
export function missingChromium(page: string): string {
  return (
    `${CHROMIUM} is missing, so ${page} cannot be checked in a browser. Install it with ` +
    '`apt-get update && apt-get install -y chromium` (.ci/run does this).'
  );
}

export interface PageLoad {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

/** Launches Chromium from a fresh temporary profile (removed on close). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page whose console errors, page errors and requests are recorded into the PageLoad it returns. */
export async function watchedPage(browser: Browser, viewport = { width: 1100, height: 900 }): Promise<PageLoad> {
  const page = await browser.newPage({ viewport });
  const load: PageLoad = { page, consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') load.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => load.pageErrors.push(error.message));
  page.on('request', (request) => load.requests.push(request.url()));
  return load;
}

/** Launches Chromium from a fresh temporary profile (removed on close) and loads `url`. */
export async function openInChromium(url: string): Promise<{ browser: Browser; load: PageLoad }> {
  const browser = await launchChromium();
  const load = await watchedPage(browser);
  await load.page.goto(url, { waitUntil: 'load' });
  return { browser, load };
}
