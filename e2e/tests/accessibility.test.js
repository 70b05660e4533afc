// Accessibility: automated checks (axe-core) on every page in both languages, and a
// registration done with the keyboard alone.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { OPERATOR_TOML, launchBrowser, newContext, startServer, startSmtp, uniqueEmail } from '../lib/harness.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const PASSWORD = 'a quiet river at dawn';

let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  // The operator's details, so that the invoice form for organisations is checked too.
  const config = path.join(os.tmpdir(), `plenary-e2e-axe-${process.pid}.toml`);
  await writeFile(config, OPERATOR_TOML);
  // Every export goes on as a job here, so that its progress page is checked too.
  server = await startServer({ smtpPort: smtp.port, env: { PLENARY_EXPORT_WAIT_MS: '0', PLENARY_CONFIG: config } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** axe violations on the current page, as readable lines. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

async function registerWithForm(page, email) {
  await page.goto(`${server.url}/register`);
  await page.getByLabel('First name', { exact: true }).fill('Ada');
  await page.getByLabel('Last name', { exact: true }).fill('Lovelace');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
  await page.getByLabel('I consent to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.waitForURL(`${server.url}/`);
}

describe('Accessibility', () => {
  for (const locale of ['en-US', 'ru-RU']) {
    it(`every page passes the automated accessibility checks in ${locale}`, { timeout: 120_000 }, async () => {
      // The checker is injected as a script, which the site's CSP rightly forbids. No cookie
      // choice is on record, so every page is checked with the cookie banner on it.
      const context = await newContext(browser, { consent: false, locale, bypassCSP: true, baseURL: server.url });
      const page = await context.newPage();
      const found = [];
      const check = async (path) => {
        await page.goto(`${server.url}${path}`);
        for (const v of await violations(page)) found.push(`${path}: ${v}`);
      };
      for (const path of ['/', '/signin', '/register', '/reset-password', '/terms', '/privacy', '/cookie-policy', '/personal-data-consent', '/terms/versions', '/cookies', '/pricing', '/copyright', '/no-such-page']) {
        await check(path);
      }
      await page.goto(`${server.url}/register`);
      await page.locator('form[action="/register"] button[type=submit]').click();
      for (const v of await violations(page)) found.push(`/register with errors: ${v}`);
      await page.goto(`${server.url}/copyright`);
      await page.locator('form[action="/copyright"] button[type=submit]').click();
      for (const v of await violations(page)) found.push(`/copyright with errors: ${v}`);
      await context.close();

      const signed = await newContext(browser, { locale: 'en-US', bypassCSP: true, baseURL: server.url });
      const p2 = await signed.newPage();
      const email = uniqueEmail(`axe-${locale}`);
      await registerWithForm(p2, email);
      // An administrator, to check the billing console too.
      server.cli(['admin', 'create-user', '--email', email, '--admin']);
      if (locale.startsWith('ru')) {
        await p2.getByRole('button', { name: 'Русский' }).click();
        await p2.waitForLoadState();
      }
      for (const path of ['/', '/account', '/account/security', '/account/delete', '/billing', '/billing/sessions', '/billing/checkout?plan=pro&period=month', '/trash', '/categories', '/sessions/import', '/admin', '/admin/audit', '/admin/reports', '/admin/content', '/admin/legal', '/admin/legal/terms/new', '/account/data']) {
        await p2.goto(`${server.url}${path}`);
        for (const v of await violations(p2)) found.push(`${path} (signed in): ${v}`);
      }
      // The deletion form refused: no password, no address typed.
      await p2.goto(`${server.url}/account/delete`);
      await p2.locator('form[action="/account/delete"] button[type=submit]').click();
      for (const v of await violations(p2)) found.push(`/account/delete with errors: ${v}`);
      // The checkout refused without the agreement, and the sandbox's payment page with an
      // error on its card number.
      await p2.goto(`${server.url}/billing/checkout?plan=pro&period=month`);
      await p2.locator('form[action="/billing/checkout"] button[type=submit]').click();
      for (const v of await violations(p2)) found.push(`checkout with errors: ${v}`);
      await p2.locator('#consent').check();
      await p2.locator('form[action="/billing/checkout"] button[type=submit]').click();
      await p2.waitForURL(/\/sandbox\/pay\//);
      for (const v of await violations(p2)) found.push(`sandbox payment page: ${v}`);
      await p2.locator('#number').fill('1234');
      await p2.locator('form[action^="/sandbox/pay/"] button[type=submit]').click();
      for (const v of await violations(p2)) found.push(`sandbox payment page with errors: ${v}`);
      // A team's invoice form, refused with errors on its fields, and the invoice issued.
      await p2.goto(`${server.url}/workspaces`);
      await p2.locator('#name').fill('Axe team');
      await p2.locator('form[action="/workspaces"] button[type=submit]').click();
      await p2.waitForURL(/\/workspaces\//);
      await p2.goto(`${server.url}/billing/invoice`);
      for (const v of await violations(p2)) found.push(`invoice form: ${v}`);
      await p2.locator('#inn').fill('123');
      await p2.locator('form[action="/billing/invoice"] button[type=submit]').click();
      for (const v of await violations(p2)) found.push(`invoice form with errors: ${v}`);
      const fill = { legal_form: 'ООО', name: 'Ромашка', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', address: 'Москва', bank: 'ПАО Сбербанк', bik: '044525225', account: '40702810638000000000', correspondent_account: '30101810400000000225', head: 'Иванов И. И.', authority: 'Устава' };
      for (const [k, v] of Object.entries(fill)) await p2.locator(`#${k}`).fill(v);
      await p2.locator('form[action="/billing/invoice"] button[type=submit]').click();
      await p2.waitForURL(/\/billing\/invoices\//);
      for (const v of await violations(p2)) found.push(`invoice page: ${v}`);
      // The billing console, a workspace's page on it, and its grant form refused.
      await p2.goto(`${server.url}/admin/billing?q=${encodeURIComponent(email)}`);
      for (const v of await violations(p2)) found.push(`billing console: ${v}`);
      await p2.locator('li.card h3 a').first().click();
      await p2.waitForURL(/\/admin\/billing\/[0-9a-f-]+$/);
      for (const v of await violations(p2)) found.push(`billing console workspace: ${v}`);
      await p2.locator('#grant-days').fill('');
      await p2.locator('form[action$="/grant"] button[type=submit]').click();
      for (const v of await violations(p2)) found.push(`billing console grant with errors: ${v}`);
      // Another person's page in the console, and its block form refused without a reason.
      const other = uniqueEmail(`axe-other-${locale}`);
      server.cli(['admin', 'create-user', '--email', other]);
      await p2.goto(`${server.url}/admin?q=${encodeURIComponent(other)}`);
      await p2.locator('#user-results a[href^="/admin/people/"]').first().click();
      await p2.waitForURL(/\/admin\/people\/[0-9a-f-]+$/);
      for (const v of await violations(p2)) found.push(`a person's page: ${v}`);
      await p2.locator('form[action$="/block"] button[type=submit]').click();
      await p2.locator('#block-reason[aria-invalid="true"]').waitFor();
      for (const v of await violations(p2)) found.push(`a person's page with errors: ${v}`);
      // A session with a block: the Programme (with the editor island running), the Design,
      // the settings and the block form.
      await p2.goto(`${server.url}/`);
      await p2.locator('#new-title').fill('Axe day');
      await p2.locator('form[action="/sessions"] button[type=submit]').click();
      await p2.waitForURL(/\/sessions\//);
      const session = new URL(p2.url()).pathname;
      await p2.locator('#title').fill('Check-in');
      await p2.locator('#minutes').fill('15');
      await p2.locator('form[action$="/blocks"] button[type=submit]').click();
      await p2.waitForLoadState();
      const block = await p2.locator('#editor [data-block]').first().getAttribute('data-block');
      // The library: search with marks, a method, the method form, designs and a design, the
      // session's library panel and the notifications.
      await p2.goto(`${server.url}/library?q=vote&language=any`);
      const method = await p2.locator('.method-card h2 a').first().getAttribute('href');
      await p2.goto(`${server.url}/library/designs`);
      const design = await p2.locator('.method-card h2 a').first().getAttribute('href');
      for (const path of [session, `${session}/design`, `${session}/settings`, `${session}/blocks/${block}/edit`,
        '/library?q=vote&language=any', method, '/library/methods/new', '/library/designs', design, `${session}/library?q=vote&language=any`, '/notifications',
        `${session}/share`, `${session}/comments`, `${session}/activity`, `${session}/export?format=pdf`]) {
        await p2.goto(`${server.url}${path}`);
        await p2.waitForLoadState('networkidle');
        for (const v of await violations(p2)) found.push(`${path} (signed in): ${v}`);
      }
      // Versions (the list and one version) and workspaces (the list and a team's page).
      await p2.goto(`${server.url}${session}/versions`);
      await p2.locator('#name').fill('Axe version');
      await p2.locator(`form[action="${session}/versions"] button[type=submit]`).click();
      await p2.waitForLoadState();
      const version = await p2.locator('.versions a').first().getAttribute('href');
      await p2.goto(`${server.url}/workspaces`);
      await p2.locator('#name').fill('Axe team');
      await p2.locator('form[action="/workspaces"] button[type=submit]').click();
      await p2.waitForURL(/\/workspaces\/[0-9a-f-]+/);
      const team = new URL(p2.url()).pathname;
      for (const path of [`${session}/versions`, version, `${session}/files`, '/workspaces', team, '/']) {
        await p2.goto(`${server.url}${path}`);
        for (const v of await violations(p2)) found.push(`${path} (signed in): ${v}`);
      }
      await signed.close();
      assert.deepEqual(found, []);
    });
  }

  it('a visitor can register with the keyboard alone, starting from the skip link', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, { locale: 'en-US', baseURL: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/register`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'first_name', 'the skip link leads to the form');
    const email = uniqueEmail('keyboard');
    for (const text of ['Ada', 'Lovelace', email, '+44 20 7946 0000', PASSWORD]) {
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'accept_terms', 'focus follows the visual order');
    await page.keyboard.press('Space');
    // Past the links to the three documents, the separate consent's box.
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'accept_consent');
    await page.keyboard.press('Space');
    // Past the link to the consent, the submit button.
    for (let i = 0; i < 2; i += 1) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Create account');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/`);
    await page.getByText('Welcome, Ada').waitFor();
    await context.close();
  });
});
