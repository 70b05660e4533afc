// Lighthouse (pinned 12.2.3) on the dashboard and the Programme of a session started from the
// Strategy day design, with Lighthouse's default mobile settings (a phone's screen, simulated
// slow 4G and a 4× slower CPU), in Debian's Chromium, three runs a page (the median counts).
// Prints each page's scores and fails when accessibility or best practices fall below 95 or
// performance below 90, naming the audits that cost points. Run by scripts/test;
// `node lighthouse.mjs` with PLENARY_BIN set runs it alone.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

import { ARTIFACTS_DIR, launchBrowser, registerPerson, startServer } from './lib/harness.js';

const THRESHOLDS = { accessibility: 95, 'best-practices': 95, performance: 90 };
const RUNS = 3;

const server = await startServer();
let chrome;
let failed = false;
try {
  // Playwright signs up and starts the session; Lighthouse gets the login cookie.
  const browser = await launchBrowser();
  const owner = await registerPerson(browser, server.url, 'Lena');
  await owner.page.goto(`${server.url}/library/designs`);
  await owner.page.getByRole('link', { name: 'Strategy day' }).first().click();
  await owner.page.getByRole('button', { name: 'Start a session' }).click();
  await owner.page.waitForURL(/\/sessions\/[^/]+$/);
  const session = new URL(owner.page.url()).pathname;
  const cookie = (await owner.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await browser.close();

  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  for (const [name, url] of [['dashboard', `${server.url}/`], ['Programme', `${server.url}${session}`]]) {
    // Three runs, and the one with the median performance score counts, as Lighthouse's own
    // advice on variability says: one busy moment of a shared machine should not decide.
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      const run = await lighthouse(url, {
        port: chrome.port,
        output: 'html',
        logLevel: 'error',
        onlyCategories: Object.keys(THRESHOLDS),
        extraHeaders: { Cookie: cookie },
      });
      const lhr = run.lhr;
      if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      // A lost login would score the sign-in page instead.
      if (lhr.finalDisplayedUrl !== url) throw new Error(`${name}: ${url} led to ${lhr.finalDisplayedUrl}`);
      runs.push(run);
    }
    runs.sort((a, b) => a.lhr.categories.performance.score - b.lhr.categories.performance.score);
    const result = runs[Math.floor(runs.length / 2)];
    const lhr = result.lhr;
    const spread = runs.map((r) => Math.round(r.lhr.categories.performance.score * 100)).join(', ');
    await writeFile(path.join(ARTIFACTS_DIR, `lighthouse-${name}.html`), result.report);
    const line = [];
    for (const [id, min] of Object.entries(THRESHOLDS)) {
      const category = lhr.categories[id];
      const score = Math.round(category.score * 100);
      line.push(`${category.title} ${score}`);
      if (score < min) {
        failed = true;
        console.error(`${name}: ${category.title} is ${score}, below ${min}. Audits that cost points:`);
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            console.error(`  ${audit.id} (${Math.round(audit.score * 100)}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ''}`);
          }
        }
      }
    }
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
      .map((id) => `${lhr.audits[id].title} ${lhr.audits[id].displayValue}`);
    console.log(`${name.padEnd(10)} ${line.join(', ')} (${metrics.join(', ')}; performance in ${RUNS} runs: ${spread})`);
  }
} finally {
  await chrome?.kill();
  await server.stop();
}
if (failed) {
  console.error(`Lighthouse: a score is below its threshold; the reports are in ${ARTIFACTS_DIR}.`);
  process.exit(1);
}
