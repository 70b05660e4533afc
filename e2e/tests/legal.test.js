// Legal documents with versions: an administrator writes a new version of the User Agreement
// in both languages and publishes it with the day it takes effect; a person who reads Russian
// gets the announcement by a real email in Russian, sees the banner on every page (it fits a
// phone), reads what changes on the version's page and presses "Got it", after which the banner
// is gone. Registration asks for the separate consent with its own box.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { confirmEmail, extractLink, launchBrowser, registerPerson, startServer, startSmtp } from '../lib/harness.js';

let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpPort: smtp.port });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('Legal documents', () => {
  it('announces a new version by email and banner until it is read, in Russian', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const boris = await registerPerson(browser, server.url, 'Boris');
    await confirmEmail(boris, smtp);
    await boris.page.getByRole('button', { name: 'Русский' }).click();
    await boris.page.waitForLoadState();
    server.cli(['admin', 'create-user', '--email', ann.email, '--admin']);

    const { page } = ann;
    await page.goto(`${server.url}/admin/legal`);
    await page.getByText('Version 1 · in force since').first().waitFor();
    await page.locator('a[href="/admin/legal/terms/new"]').click();
    await page.getByRole('heading', { name: 'New version: User Agreement' }).waitFor();
    assert.match(await page.locator('#body_en').inputValue(), /1\.3\./, 'the text in force to start from');
    await page.locator('#changes_en').fill('Support answers within **two** working days.');
    await page.locator('#changes_ru').fill('Поддержка отвечает в течение **двух** рабочих дней.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('The draft is saved.').waitFor();
    await page.getByText('As people will read it').waitFor();
    // What is typed before Publish is what is published.
    await page.locator('#changes_en').fill('Support answers within **two** working days. Really.');
    await page.getByRole('button', { name: 'Publish and announce' }).click();
    await page.getByText('The new version is published').waitFor();
    await page.getByText('Version 2 · takes effect on').waitFor();

    const mail = await smtp.waitForMail({ to: boris.email, subject: /^Новая редакция документа «Пользовательское соглашение»/ });
    assert.match(mail.text, /двух/);
    const link = extractLink(mail, server.url);
    assert.match(link, /\/terms\/versions\/2$/);

    const b = boris.page;
    await b.goto(`${server.url}/`);
    const banner = b.locator('.legal-banner');
    await banner.getByText('будет действовать новая редакция документа «Пользовательское соглашение»').waitFor();
    await b.setViewportSize({ width: 360, height: 740 });
    assert.equal(await b.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the banner makes the page scroll sideways at 360 px');
    await b.setViewportSize({ width: 1366, height: 768 });
    await banner.getByRole('link', { name: 'Что меняется' }).click();
    await b.waitForURL(/\/terms\/versions\/2$/);
    await b.getByRole('heading', { name: 'Что меняется' }).waitFor();
    await b.locator('.legal-changes strong', { hasText: 'двух' }).waitFor();
    await b.locator('.legal-banner').getByRole('button', { name: 'Понятно' }).click();
    // Back on the same page, without the banner.
    await b.locator('.legal-banner').waitFor({ state: 'detached' });
    assert.match(b.url(), /\/terms\/versions\/2$/);
    await b.goto(`${server.url}/`);
    assert.equal(await b.locator('.legal-banner').count(), 0);
    // Ann, who published it, has not said she read it either: she sees it in English.
    await page.goto(`${server.url}/`);
    await page.locator('.legal-banner').getByText('The User Agreement changes on').waitFor();
    await ann.context.close();
    await boris.context.close();
  });

  it('refuses a registration without the separate consent and keeps what was typed', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/register`);
    await page.getByLabel('First name', { exact: true }).fill('Vera');
    await page.getByLabel('Last name', { exact: true }).fill('Tester');
    await page.getByLabel('Email', { exact: true }).fill('vera@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a quiet river at dawn');
    await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.locator('#accept_consent-error').waitFor();
    assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Vera');
    assert.equal(await page.getByLabel('I accept the User Agreement and the Privacy Policy').isChecked(), true);
    assert.equal(await page.getByRole('link', { name: 'Consent to personal data processing' }).getAttribute('href'), '/personal-data-consent');
    await page.goto(`${server.url}/personal-data-consent`);
    await page.getByRole('heading', { name: 'Consent to personal data processing' }).waitFor();
    await context.close();
  });
});
