/**
 * The playground page in a real browser: Debian's chromium, headless, driven by playwright-core
 * (which downloads no browser). The test builds the page, serves it on 127.0.0.1, types an article,
 * waits for the tags, checks them and the highlighting of a clicked tag's mentions, and saves a
 * screenshot to .tmp/playground.png. Without a browser it is skipped with a message saying so
 * (`.ci/run` installs chromium with apt). Article text written for this test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPlayground, servePlayground } from '../../scripts/playground.js';

const ROOT = resolve(__dirname, '../..');
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const chromium = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
if (chromium === undefined && process.env.NEWS_TAGGER_REQUIRE_BROWSER === '1') {
  throw new Error('test/web/playground.test.ts: no Chromium found, and NEWS_TAGGER_REQUIRE_BROWSER=1 (CI) requires it');
}
if (chromium === undefined) {
  console.warn('test/web/playground.test.ts: SKIPPED, no Chromium found (set CHROMIUM_PATH, or `apt-get install -y chromium`; .ci/run does)');
}

const TITLE = 'Kim Jong Un hosts Russian defence minister in Pyongyang';
const BODY =
  'North Korean leader Kim Jong Un welcomed a Russian delegation to Pyongyang on Friday. ' +
  'The DPRK and Russia signed an agreement on military training, the Korean Central News Agency said.\n\n' +
  'Officials in Seoul said they were watching closely. Kim later toured a factory outside Pyongyang.';

describe.skipIf(chromium === undefined)('the playground page in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const { dir } = await buildPlayground(join(ROOT, '.tmp', 'playground-test'));
    const served = await servePlayground(dir);
    server = served.server;
    const { chromium: driver } = await import('playwright-core');
    browser = await driver.launch({
      executablePath: chromium,
      headless: true,
      // the flags that work on this project's machines (no sandbox as root, no network but localhost);
      // playwright gives each launch a fresh, empty profile of its own
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(served.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('tags a typed article, lights a tag mentions on click, and shows regions, reading time and the corpus lists', async () => {
    await page.locator('#title').pressSequentially(TITLE);
    await page.locator('#body').fill(BODY.slice(0, -40));
    await page.locator('#body').pressSequentially(BODY.slice(-40));
    // the NER model is fetched on demand after the page is up; wait until the tags are the full path's
    await page.waitForSelector('#status[data-path="full"]', { timeout: 60_000 });
    await expect.poll(() => page.locator('#text').textContent(), { timeout: 10_000 }).toContain('toured a factory outside Pyongyang');
    const labels = await page.locator('#tags .label').allTextContents();
    expect(labels.slice(0, 4)).toEqual(expect.arrayContaining(['Kim Jong Un', 'North Korea', 'Russia']));
    const northKorea = page.locator('#tags button', { hasText: 'North Korea' });
    await expect.poll(() => northKorea.locator('.aliases').textContent()).toBe("also DPRK, Democratic People's Republic of Korea");

    // nothing lit before a click; after it, exactly the mentions of North Korea
    expect(await page.locator('#text mark.lit').count()).toBe(0);
    await northKorea.click();
    expect(await northKorea.getAttribute('aria-pressed')).toBe('true');
    const lit = await page.locator('#text mark.lit').allTextContents();
    expect(lit).toEqual(expect.arrayContaining(['The DPRK', 'North Korean', 'Pyongyang']));
    expect(lit).not.toContain('Russia');
    const kim = await page.locator('#text mark').evaluateAll((marks) =>
      marks.filter((m) => (m.getAttribute('data-tags') ?? '').split(' ').includes('person:kim-jong-un')).map((m) => m.textContent),
    );
    expect(kim).toEqual(expect.arrayContaining(['Kim Jong Un', 'Kim']));

    expect(await page.locator('#regions li').first().textContent()).toMatch(/^Asia/);
    expect(await page.locator('#reading-time').textContent()).toMatch(/Reading time: 1 min \(\d+ words\)/);
    expect(await page.locator('#related li').count()).toBeGreaterThan(0);
    expect(await page.locator('#read-next li').count()).toBeGreaterThan(0);
    expect(await page.locator('#related li').first().textContent()).toMatch(/Kim|Pyongyang|Korea/);

    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    await page.screenshot({ path: join(ROOT, '.tmp', 'playground.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows a picked sample article and its Related News from the corpus', async () => {
    await page.locator('#sample').selectOption('sample-001');
    await expect.poll(() => page.locator('#title').inputValue()).toMatch(/^Russian deputy defence minister/);
    expect(await page.locator('#tags .label').allTextContents()).toContain('Kim Jong Un');
    expect(await page.locator('#related li').count()).toBe(4);
    expect(errors).toEqual([]);
  }, 60_000);

  it('loads the Arabic and Spanish names on the first Spanish article, then tags it by its Spanish names (labelled in Spanish)', async () => {
    await page.locator('#sample').selectOption({ index: 0 });
    await page.locator('#title').fill('Rusia y Alemania firman un acuerdo sobre el gas');
    await page.locator('#body').fill('Rusia y Alemania firmaron el lunes en Berlín un acuerdo sobre el gas, según fuentes oficiales de ambos gobiernos.');
    await page.locator('#body').dispatchEvent('input');
    await expect.poll(() => page.locator('#tags .label').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining(['Rusia', 'Alemania']));
    expect(await page.locator('#status').textContent()).not.toMatch(/loading|could not/);
    expect(errors).toEqual([]);
  }, 60_000);
});
