// Deleting an account: in English, a session another person works on is handed over first on
// its share page, then the account goes and the browser holds no login; the new owner keeps
// the session. In Russian, the shared session is deleted with the account and its person is
// told by a real email in their language. The page fits a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { acceptByLink, confirmEmail, invite, launchBrowser, registerPerson, startServer, startSmtp } from '../lib/harness.js';

const PASSWORD = 'a quiet river at dawn';
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

async function newSession(person, title) {
  const { page } = person;
  await page.goto(`${server.url}/`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('First day').fill('2026-12-01');
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
  return new URL(page.url()).pathname;
}

async function loginCookies(person) {
  return (await person.context.cookies()).filter((c) => c.name === 'plenary_login' || c.name === '__Host-plenary');
}

describe('Deleting an account', () => {
  it('hands a shared session over first, then deletes the account and signs the browser out, in English', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const bob = await registerPerson(browser, server.url, 'Bob');
    const path = await newSession(ann, 'Offsite');
    await invite(ann, path, bob, 'Editor');
    await acceptByLink(bob, smtp);

    const { page } = ann;
    assert.equal((await loginCookies(ann)).length, 1, 'signed in with a login cookie');
    await page.goto(`${server.url}/account/security`);
    await page.getByRole('link', { name: 'Delete my account…' }).click();
    await page.getByRole('heading', { name: 'Sessions other people work on' }).waitFor();
    // The page fits a phone.
    await page.setViewportSize({ width: 360, height: 740 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the page scrolls sideways at 360 px');
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('link', { name: 'Offsite' }).click();
    await page.getByRole('button', { name: 'Make Bob Tester the owner' }).click();
    await page.getByText('The session has a new owner').waitFor();
    await page.goto(`${server.url}/account/delete`);
    assert.equal(await page.getByRole('heading', { name: 'Sessions other people work on' }).count(), 0);

    // A typo in the address is refused, and nothing is lost.
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByLabel('Type your email address').fill('someone@example.test');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.getByText('This is not what was asked for').waitFor();
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByLabel('Type your email address').fill(ann.email);
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL(/\/signin\?notice=account-deleted$/);
    await page.getByText('Your account has been deleted.').waitFor();
    assert.deepEqual(await loginCookies(ann), [], 'a login cookie outlived the account');

    // Bob owns the session now.
    await bob.page.goto(`${server.url}${path}`);
    await bob.page.getByRole('heading', { name: 'Offsite' }).waitFor();
    await ann.context.close();
    await bob.context.close();
  });

  it('deletes a shared session with the account and tells its person by email, in Russian', { timeout: 120_000 }, async () => {
    const boris = await registerPerson(browser, server.url, 'Boris');
    const vera = await registerPerson(browser, server.url, 'Vera');
    await confirmEmail(vera, smtp);
    const path = await newSession(boris, 'Стратегическая сессия');
    await invite(boris, path, vera, 'Viewer');
    await acceptByLink(vera, smtp);
    for (const p of [boris, vera]) {
      await p.page.goto(`${server.url}/account`);
      await p.page.getByRole('button', { name: 'Русский' }).click();
      await p.page.waitForLoadState();
    }

    const { page } = boris;
    await page.goto(`${server.url}/account/delete`);
    await page.getByRole('heading', { name: 'Сессии, в которых работают другие' }).waitFor();
    await page.getByLabel('Ваш пароль').fill(PASSWORD);
    await page.getByLabel('Введите адрес вашей почты').fill(boris.email);
    await page.getByRole('button', { name: 'Удалить аккаунт навсегда' }).click();
    // The session needs a word first: refused until the box is ticked.
    await page.getByText('В некоторых ваших сессиях работают другие люди').waitFor();
    await page.getByLabel('Ваш пароль').fill(PASSWORD);
    await page.getByLabel('Удалить сессию, в которой работают другие, и уведомить их').check();
    await page.getByRole('button', { name: 'Удалить аккаунт навсегда' }).click();
    await page.getByText('Ваш аккаунт удалён.').waitFor();

    const told = await smtp.waitForMail({ to: vera.email, subject: 'Сессия «Стратегическая сессия» удалена' });
    assert.match(told.text, /удалена вместе с аккаунтом её владельца/);
    const gone = await vera.page.goto(`${server.url}${path}`);
    assert.equal(gone.status(), 404);
    await boris.context.close();
    await vera.context.close();
  });
});
