// Accounts: registration, email confirmation, sign in/out, language, password reset.
// Drives Debian's Chromium through playwright-core against a real `plenary serve`
// and a real SMTP server on 127.0.0.1.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  extractLink,
  launchBrowser,
  startServer,
  startSmtp,
  uniqueEmail,
  withPage,
} from '../lib/harness.js';

const TEST_TIMEOUT = 90_000;
const USER_AGREEMENT = 'I accept the User Agreement and the Privacy Policy';
const DATA_CONSENT = 'I consent to the processing of my personal data';

let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpPort: smtp.port });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await smtp?.close();
});

// --- small page helpers ----------------------------------------------------

const button = (page, name) => page.getByRole('button', { name, exact: true });
const link = (page, name) => page.getByRole('link', { name, exact: true });
const field = (page, label) => page.getByLabel(label, { exact: true });
const isPath = (pathname) => (url) => url.pathname === pathname;

async function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}

async function fillRegistration(page, user) {
  await page.goto(`${server.url}/register`);
  await field(page, 'First name').fill(user.firstName);
  await field(page, 'Last name').fill(user.lastName);
  await field(page, 'Email').fill(user.email);
  if (user.phone !== undefined) await field(page, 'Phone (optional)').fill(user.phone);
  await field(page, 'Password').fill(user.password);
  await page.getByLabel(USER_AGREEMENT).check();
  await page.getByLabel(DATA_CONSENT).check();
  await button(page, 'Create account').click();
}

/** Registers through the form and waits until `/` shows the new user signed in. */
async function register(page, user) {
  await fillRegistration(page, user);
  await page.waitForURL(isPath('/'));
  await button(page, 'Sign out').waitFor();
}

async function signIn(page, email, password) {
  await page.goto(`${server.url}/signin`);
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await button(page, 'Sign in').click();
}

function newUser(tag, overrides = {}) {
  return {
    firstName: 'Marguerite',
    lastName: 'Okonkwo',
    email: uniqueEmail(tag),
    password: `Lantern-${Date.now()}-quiet`,
    ...overrides,
  };
}

/** Registers a user in its own throwaway context, so the test's page starts signed out. */
async function registerElsewhere(user, name) {
  await withPage({ browser, server, name: `${name} (setup)` }, (page) => register(page, user));
}

// --- tests -----------------------------------------------------------------

describe('Accounts', () => {
  it(
    'a visitor registers, confirms the address from the email, signs out and signs in again',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const user = newUser('confirm', { firstName: 'Henrietta', phone: '+31205550101' });
      await withPage({ browser, server, name: t.name }, async (page) => {
        await page.goto(`${server.url}/`);
        await link(page, 'Sign in').first().waitFor();
        await link(page, 'Create account').first().waitFor();
        assert.equal(await button(page, 'Sign out').count(), 0, 'signed-out home has no Sign out button');

        await register(page, user);
        await page.getByText(user.firstName).first().waitFor();
        const banner = page.getByText('Please confirm your email address');
        await banner.first().waitFor();
        assert.ok(await button(page, 'Send again').isVisible(), 'the banner offers "Send again"');

        const mail = await smtp.waitForMail({ to: user.email, subject: 'Confirm your email address' });
        const confirmUrl = extractLink(mail, server.url);
        assert.match(confirmUrl, new RegExp(`^${escapeRegExp(server.url)}/confirm-email/[^/?#\\s]+$`));

        await page.goto(confirmUrl);
        await button(page, 'Confirm email').click();
        await page.getByText('Your email address is confirmed.').waitFor();

        await page.goto(`${server.url}/`);
        await button(page, 'Sign out').waitFor();
        assert.equal(await banner.count(), 0, 'the confirmation banner is gone after confirming');

        await button(page, 'Sign out').click();
        await link(page, 'Sign in').first().waitFor();
        assert.equal(new URL(page.url()).pathname, '/');
        assert.equal(await button(page, 'Sign out').count(), 0, 'signed out after pressing Sign out');

        await signIn(page, user.email, user.password);
        await page.waitForURL(isPath('/'));
        await button(page, 'Sign out').waitFor();
        await page.getByText(user.firstName).first().waitFor();
        assert.equal(await banner.count(), 0, 'the confirmation is remembered across sign-ins');
      });
    },
  );

  it('signing in with a wrong password shows an error and does not sign in', { timeout: TEST_TIMEOUT }, async (t) => {
    const user = newUser('wrongpw');
    await registerElsewhere(user, t.name);
    await withPage({ browser, server, name: t.name }, async (page) => {
      await signIn(page, user.email, `${user.password}-not-it`);
      const alert = page.getByRole('alert').filter({ hasText: 'Wrong email or password.' });
      await alert.waitFor();
      assert.equal(new URL(page.url()).pathname, '/signin', 'stays on the sign-in page');
      assert.equal(await button(page, 'Sign out').count(), 0, 'not signed in');

      // An unknown address gets exactly the same answer.
      await signIn(page, uniqueEmail('nobody'), user.password);
      await alert.waitFor();
      assert.equal(await button(page, 'Sign out').count(), 0, 'not signed in');
    });
  });

  it('switching the language to Russian translates the pages and the choice persists', { timeout: TEST_TIMEOUT }, async (t) => {
    await withPage({ browser, server, name: t.name }, async (page) => {
      await page.goto(`${server.url}/signin`);
      assert.equal(await htmlLang(page), 'en');
      await button(page, 'Sign in').waitFor();

      await button(page, 'Русский').click();
      await page.locator('html[lang="ru"]').waitFor({ state: 'attached' });

      await page.goto(`${server.url}/signin`);
      assert.equal(await htmlLang(page), 'ru');
      await button(page, 'Войти').waitFor();
      assert.equal(await button(page, 'Sign in').count(), 0, 'no English sign-in button left');

      // Another page, loaded fresh, is still in Russian.
      await page.goto(`${server.url}/register`);
      assert.equal(await htmlLang(page), 'ru');
      await button(page, 'Создать аккаунт').waitFor();

      // And back to English.
      await button(page, 'English').click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await page.goto(`${server.url}/register`);
      assert.equal(await htmlLang(page), 'en');
      await button(page, 'Create account').waitFor();
    });
  });

  it('a signed-in user who switches to Russian sees the sign-out button in Russian', { timeout: TEST_TIMEOUT }, async (t) => {
    const user = newUser('russian');
    await withPage({ browser, server, name: t.name }, async (page) => {
      await register(page, user);
      await button(page, 'Русский').click();
      await page.locator('html[lang="ru"]').waitFor({ state: 'attached' });

      await page.goto(`${server.url}/`);
      assert.equal(await htmlLang(page), 'ru');
      await button(page, 'Выйти').waitFor();
      await page.getByText(user.firstName).first().waitFor();

      await button(page, 'Выйти').click();
      await button(page, 'Выйти').waitFor({ state: 'detached' });
      assert.equal(new URL(page.url()).pathname, '/', 'signing out lands on the home page');
    });
  });

  it(
    'a user resets a forgotten password from the emailed link and only the new password works',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const user = newUser('reset');
      const newPassword = `Harbour-${Date.now()}-bright`;
      const stranger = uniqueEmail('stranger');
      const sentNotice = 'If an account exists for this address, we have sent a link to reset the password.';
      await registerElsewhere(user, t.name);

      await withPage({ browser, server, name: t.name }, async (page) => {
        // Unknown address: same notice.
        await page.goto(`${server.url}/reset-password`);
        await field(page, 'Email').fill(stranger);
        await button(page, 'Send reset link').click();
        await page.getByText(sentNotice).waitFor();

        // Known address.
        await page.goto(`${server.url}/reset-password`);
        await field(page, 'Email').fill(user.email);
        await button(page, 'Send reset link').click();
        await page.getByText(sentNotice).waitFor();

        const mail = await smtp.waitForMail({ to: user.email, subject: 'Reset your password' });
        assert.equal(smtp.mailTo(stranger).length, 0, 'no email is sent to an unknown address');
        const resetUrl = extractLink(mail, server.url);
        assert.match(resetUrl, new RegExp(`^${escapeRegExp(server.url)}/reset-password/[^/?#\\s]+$`));

        await page.goto(resetUrl);
        await field(page, 'New password').fill(newPassword);
        await button(page, 'Set new password').click();
        await page.waitForURL(isPath('/signin'));
        await page.getByText('Your password has been changed. Sign in with the new one.').waitFor();

        await signIn(page, user.email, user.password);
        await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
        assert.equal(await button(page, 'Sign out').count(), 0, 'the old password no longer signs in');

        await signIn(page, user.email, newPassword);
        await page.waitForURL(isPath('/'));
        await button(page, 'Sign out').waitFor();
        await page.getByText(user.firstName).first().waitFor();
      });
    },
  );

  it(
    'registering with a common password shows the error at the password field and keeps the typed values',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const user = newUser('common', { firstName: 'Ottoline', password: 'password123' });
      await withPage({ browser, server, name: t.name }, async (page) => {
        await fillRegistration(page, user);
        const password = field(page, 'Password');
        await page.locator('input[aria-invalid="true"]').first().waitFor({ state: 'attached' });
        assert.equal(await password.getAttribute('aria-invalid'), 'true', 'password field is marked invalid');
        assert.ok(await page.getByText(/common/i).first().isVisible(), 'a message says the password is too common');
        assert.equal(await password.inputValue(), '', 'the password is not echoed back');
        assert.equal(await field(page, 'Email').inputValue(), user.email, 'the typed email is kept');
        assert.equal(await field(page, 'First name').inputValue(), user.firstName, 'the first name is kept');
        assert.notEqual(
          await field(page, 'Email').getAttribute('aria-invalid'),
          'true',
          'the email field is not marked invalid',
        );
        assert.equal(await button(page, 'Sign out').count(), 0, 'no account was signed in');
        await button(page, 'Create account').waitFor();
      });
    },
  );
});

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
