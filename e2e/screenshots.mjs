// Screenshots of the main pages at a phone's, a tablet's and a laptop's size, for
// docs/screenshots/ (what the product looks like, for the next person). The first screen of
// each page, as small JPEGs. `npm run screenshots` in e2e/ with PLENARY_BIN set; with
// SCREENSHOTS_DIR and SCREENSHOTS_ALL=1 it also takes every page in Russian and the settings,
// pricing, billing, checkout, sandbox payment, participant, session library, share, team, block edit, export menu, export progress and import pages, as PNGs (and names any
// page that scrolls sideways), for a look before a change is called done.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT, confirmEmail, launchBrowser, registerPerson, startServer, startSmtp } from './lib/harness.js';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR || path.join(REPO_ROOT, 'docs', 'screenshots'));
const ALL = process.env.SCREENSHOTS_ALL === '1';
const SIZES = [['phone', 360, 740], ['tablet', 768, 1024], ['laptop', 1366, 768]];

const smtp = await startSmtp();
// Taking everything, every export goes on as a job, for the pictures of its progress page.
const server = await startServer({ smtpPort: smtp.port, env: ALL ? { PLENARY_EXPORT_WAIT_MS: '0' } : {} });
const browser = await launchBrowser();
try {
  const owner = await registerPerson(browser, server.url, 'Maria');
  await confirmEmail(owner, smtp); // no reminder banner in the pictures
  const { page } = owner;
  await page.goto(`${server.url}/library/designs`);
  await page.getByRole('link', { name: 'Strategy day' }).first().click();
  await page.getByRole('button', { name: 'Start a session' }).click();
  await page.waitForURL(/\/sessions\/[^/]+$/);
  const session = new URL(page.url()).pathname;
  await page.goto(`${server.url}${session}/share`);
  await page.getByRole('button', { name: 'Create a link' }).click();
  const participant = new URL(await page.locator('#new-link').inputValue()).pathname;

  /** name, path, and what to do before the picture */
  const pages = [
    ['dashboard', '/'],
    ['programme', session],
    ['library-panel', session, async (p) => {
      await p.locator('[data-open-library]').click();
      await p.locator('#library-panel [data-panel-results] li').first().waitFor();
    }],
    ['design', `${session}/design`],
    ['library', '/library'],
    ['print', `${session}/print`],
  ];
  if (ALL) {
    // The share page with an invitation waiting, and a team's page with one, for the people
    // list they share; made through the API, then back to the personal workspace.
    const api = (method, where, data) => page.request.fetch(`${server.url}${where}`, {
      method, data, headers: { origin: server.url },
    });
    const personal = (await (await api('GET', '/api/v1/workspaces')).json())[0].id;
    await api('POST', `/api/v1${session}/invitations`, { email: 'olga@example.org', role: 'commenter' });
    const team = (await (await api('POST', '/api/v1/workspaces', { name: 'Facilitators' })).json()).id;
    await api('POST', `/api/v1/workspaces/${team}/invitations`, { email: 'ivan@example.org', role: 'member' });
    await api('POST', `/api/v1/workspaces/${personal}/switch`);
    const blocks = (await (await api('GET', `/api/v1${session}`)).json()).blocks;
    const activity = blocks.find((b) => b.kind === 'activity');
    // A payment begun and left on the sandbox's page.
    await page.goto(`${server.url}/billing/checkout?plan=pro&period=month`);
    await page.locator('#consent').check();
    await page.locator('form[action="/billing/checkout"] button[type=submit]').click();
    await page.waitForURL(/\/sandbox\/pay\//);
    const sandbox = new URL(page.url()).pathname;
    pages.push(
      ['pricing', '/pricing'],
      ['billing', '/billing'],
      ['billing-sessions', '/billing/sessions'],
      ['checkout', '/billing/checkout?plan=pro&period=year'],
      ['sandbox', sandbox],
      ['settings', `${session}/settings`],
      ['participant', participant],
      ['session-library', `${session}/library`],
      ['share', `${session}/share`],
      ['team', `/workspaces/${team}`],
      ['block-edit', `${session}/blocks/${activity.id}/edit`],
      ['export-menu', session, async (p) => {
        await p.locator('details.export-menu summary').click();
        await p.locator('details.export-menu a').last().waitFor();
      }],
      // Right after the redirect (still running, unless the PDF was quicker), then done.
      ['export-progress', `${session}/export?format=pdf`],
      ['export-ready', `${session}/export?format=pdf`, async (p) => {
        await p.locator('#export-state a.button').waitFor({ timeout: 60_000 });
      }],
      ['import', '/sessions/import'],
      ['import-preview', '/sessions/import', async (p) => {
        await p.locator('#file').setInputFiles({
          name: 'Team day.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('title,duration,kind,notes,Room\nWarm-up,10,activity,Stand in a circle,A1\nLunch,forty,break,,\nA long closing round with everyone sharing one thing they take away,1:05,,,B2\n'),
        });
        await p.locator('form[action="/sessions/import"] button[type=submit]').click();
        await p.locator('.import-row').first().waitFor();
      }],
    );
  }

  await mkdir(OUT, { recursive: true });
  const languages = [['en', 'English'], ['ru', 'Русский']];
  let count = 0;
  for (const [code, label] of languages) {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: label }).click();
    await page.waitForLoadState();
    const cookies = await owner.context.cookies();
    for (const [sizeName, width, height] of SIZES) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
      await context.addCookies(cookies);
      context.setDefaultTimeout(15_000);
      const shot = await context.newPage();
      for (const [name, where, before] of pages) {
        // In the docs, Russian shows the Programme only; everything is taken when asked.
        if (!ALL && code === 'ru' && name !== 'programme') continue;
        await shot.goto(`${server.url}${where}`);
        if (before) await before(shot);
        const sideways = await shot.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        if (sideways) console.log(`scrolls sideways: ${name} at ${width} px in ${code}`);
        const file = path.join(OUT, `${name}-${sizeName}-${code}.${ALL ? 'png' : 'jpg'}`);
        // The people pages are looked at whole: their lists are below the first screen.
        const whole = name === 'share' || name === 'team' || name === 'import-preview' || name === 'pricing' || name === 'billing' || name === 'billing-sessions' || name === 'checkout' || name === 'sandbox';
        await shot.screenshot(ALL ? { path: file, fullPage: whole } : { path: file, type: 'jpeg', quality: 60 });
        count += 1;
      }
      await context.close();
    }
  }
  console.log(`${count} screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
  await smtp.close();
}
