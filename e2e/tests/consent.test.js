// Cookie consent in the browser: before a choice and after a refusal only strictly necessary
// cookies and storage exist; the banner's three answers (Accept all, Reject all, Choose) and a
// withdrawal from the footer, each with the cookie jar and storage read afterwards; Global
// Privacy Control; the banner with the keyboard and at 360 px; a signed-in person's choice in
// their log, and the editor keeping nothing between visits without functional consent. In
// English and Russian.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { launchBrowser, newContext, startServer, uniqueEmail } from '../lib/harness.js';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const T = {
  en: {
    locale: 'en-US', banner: 'Cookies on Plenary', all: 'Accept all', none: 'Reject all', choose: 'Choose',
    settings: 'Cookie settings', save: 'Save my choice', functional: 'Functional', analytics: 'Analytics',
    saved: 'Your cookie choice is saved', other: 'Русский',
  },
  ru: {
    locale: 'ru-RU', banner: 'Cookie-файлы в Plenary', all: 'Принять все', none: 'Отклонить все', choose: 'Выбрать',
    settings: 'Настройки cookie', save: 'Сохранить выбор', functional: 'Функциональные', analytics: 'Аналитика',
    saved: 'Ваш выбор cookie-файлов сохранён', other: 'English',
  },
};

/** A context with no cookie choice on record. */
async function visitor(lang, options = {}) {
  const context = await newContext(browser, { consent: false, locale: T[lang].locale, baseURL: server.url, ...options });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** The names of the cookies the browser holds, sorted. */
async function jar(context) {
  return (await context.cookies()).map((c) => c.name).sort();
}

async function cookie(context, name) {
  return (await context.cookies()).find((c) => c.name === name);
}

/** What the page's origin keeps in localStorage and sessionStorage. */
async function storage(page) {
  return page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
}

/** Only strictly necessary storage (as the Cookie settings page lists it): htmx's note of the
 * page's address for the Back button, and nothing in localStorage. */
async function onlyNecessaryStorage(page) {
  const { local, session } = await storage(page);
  assert.deepEqual(local, []);
  assert.deepEqual(session.filter((k) => k !== 'htmx-current-path-for-history'), []);
}

const banner = (page, lang) => page.getByRole('region', { name: T[lang].banner });

for (const lang of ['en', 'ru']) {
  const t = T[lang];
  describe(`Cookie consent (${lang})`, () => {
    it('before a choice only strictly necessary cookies exist, and Reject all keeps it so', async () => {
      const { context, page } = await visitor(lang);
      await page.goto('/signin');
      await banner(page, lang).waitFor();
      assert.deepEqual(await jar(context), []);
      await onlyNecessaryStorage(page);
      await banner(page, lang).getByRole('button', { name: t.none }).click();
      await page.getByText(t.saved).waitFor();
      assert.equal(await banner(page, lang).count(), 0);
      assert.deepEqual(await jar(context), ['plenary_consent']);
      assert.match((await cookie(context, 'plenary_consent')).value, /^1\.000\./);
      await onlyNecessaryStorage(page);
      // A language picked now lasts only until the browser closes.
      await page.getByRole('button', { name: t.other }).click();
      await page.waitForLoadState();
      assert.equal((await cookie(context, 'plenary_lang')).expires, -1);
      await context.close();
    });

    it('Accept all allows every category and a picked language is remembered for a year', async () => {
      const { context, page } = await visitor(lang);
      await page.goto('/signin');
      await banner(page, lang).getByRole('button', { name: t.all }).click();
      await page.getByText(t.saved).waitFor();
      assert.match((await cookie(context, 'plenary_consent')).value, /^1\.111\./);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.consent), 'functional analytics advertising');
      await page.getByRole('button', { name: t.other }).click();
      await page.waitForLoadState();
      const lang_ = await cookie(context, 'plenary_lang');
      assert.ok(lang_.expires * 1000 > Date.now() + 300 * 86_400_000, `expires ${lang_.expires}`);
      await context.close();
    });

    it('Choose opens the categories unticked, and what is ticked is what is allowed', async () => {
      const { context, page } = await visitor(lang);
      await page.goto('/signin');
      await banner(page, lang).getByRole('button', { name: t.choose }).click();
      await page.waitForURL(/\/cookies\?/);
      await page.getByRole('heading', { name: t.settings, level: 1 }).waitFor();
      for (const name of ['functional', 'analytics', 'advertising']) {
        assert.equal(await page.locator(`#consent-${name}`).isChecked(), false, `${name} is not ticked`);
      }
      assert.equal(await page.locator('#consent-necessary').isChecked(), true);
      assert.deepEqual(await jar(context), []);
      await page.getByLabel(t.analytics).check();
      await page.getByRole('button', { name: t.save }).click();
      await page.waitForURL(/\/signin\?notice=cookies-saved/);
      assert.match((await cookie(context, 'plenary_consent')).value, /^1\.010\./);
      assert.deepEqual(await jar(context), ['plenary_consent']);
      await context.close();
    });

    it('a withdrawal from the footer deletes the functional cookie and storage at once', async () => {
      const { context, page } = await visitor(lang);
      await page.goto('/signin');
      await banner(page, lang).getByRole('button', { name: t.all }).click();
      await page.getByText(t.saved).waitFor();
      await page.getByRole('button', { name: t.other }).click();
      await page.waitForLoadState();
      // What the editor keeps with functional consent.
      await page.evaluate(() => localStorage.setItem('plenary.details', 'all'));
      assert.ok((await cookie(context, 'plenary_lang')).expires > 0);

      await page.getByRole('contentinfo').getByRole('link', { name: T[lang === 'en' ? 'ru' : 'en'].settings }).click();
      await page.waitForURL(/\/cookies\?/);
      await page.getByRole('button', { name: T[lang === 'en' ? 'ru' : 'en'].none }).click();
      await page.waitForURL(/notice=cookies-saved/);
      assert.match((await cookie(context, 'plenary_consent')).value, /^1\.000\./);
      assert.equal((await cookie(context, 'plenary_lang')).expires, -1, 'kept only while the browser is open');
      assert.deepEqual((await storage(page)).local, []);
      await context.close();
    });

    it('Global Privacy Control refuses analytics and advertising even under Accept all', async () => {
      const { context, page } = await visitor(lang, { extraHTTPHeaders: { 'Sec-GPC': '1' } });
      await page.goto('/signin');
      await banner(page, lang).getByRole('button', { name: t.all }).click();
      await page.getByText(t.saved).waitFor();
      assert.match((await cookie(context, 'plenary_consent')).value, /^1\.100\./);
      await page.goto('/cookies');
      assert.equal(await page.locator('#consent-analytics').isDisabled(), true);
      assert.equal(await page.locator('#consent-advertising').isChecked(), false);
      await context.close();
    });

    it('the banner fits a 360 px phone and its answers are reached with the keyboard', async () => {
      const { context, page } = await visitor(lang, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      for (const path of ['/signin', '/register', '/terms', '/no-such-page']) {
        await page.goto(path);
        await banner(page, lang).waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${path} is ${width}px wide`);
        for (const name of [t.all, t.none, t.choose]) {
          const box = await banner(page, lang).getByRole('button', { name }).boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 360 && box.y + box.height <= 740, `${name} on ${path}: ${JSON.stringify(box)}`);
        }
      }
      // Past the skip link, the first stops are the banner's answers.
      await page.goto('/signin');
      const focused = [];
      for (let i = 0; i < 4; i += 1) {
        await page.keyboard.press('Tab');
        focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim()));
      }
      assert.deepEqual(focused.slice(1), [t.all, t.none, t.choose]);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await page.getByText(t.saved).waitFor();
      assert.match((await cookie(context, 'plenary_consent')).value, /^1\.000\./);
      await context.close();
    });
  });
}

describe('Cookie consent of a signed-in person', () => {
  it('is logged, and without functional consent the editor keeps nothing between visits', { timeout: 60_000 }, async () => {
    const { context, page } = await visitor('en');
    await page.goto('/register');
    await page.getByLabel('First name', { exact: true }).fill('Greta');
    await page.getByLabel('Last name', { exact: true }).fill('Consent');
    await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('consent'));
    await page.getByLabel('Password', { exact: true }).fill('a quiet river at dawn');
    await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
    await page.getByLabel('I consent to the processing of my personal data').check();
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    await banner(page, 'en').getByRole('button', { name: 'Reject all' }).click();
    await page.getByText(T.en.saved).waitFor();

    await page.getByLabel('Title', { exact: true }).fill('Workshop');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\//);
    await page.getByLabel('Title', { exact: true }).fill('Check-in');
    await page.getByLabel('Duration in minutes').fill('15');
    await page.getByRole('button', { name: 'Add block' }).click();
    await page.waitForLoadState();
    await page.getByRole('button', { name: 'All details' }).click();
    assert.deepEqual((await storage(page)).local, [], 'the details setting is not kept');

    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByLabel('Functional').check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await page.waitForURL(/notice=cookies-saved/);
    await page.getByRole('button', { name: 'All details' }).click();
    assert.deepEqual((await storage(page)).local, ['plenary.details'], 'kept with functional consent');

    await page.goto('/cookies');
    const log = page.getByRole('region', { name: 'Your recorded choices' });
    await log.getByText('strictly necessary and functional cookies').waitFor();
    await log.getByText('strictly necessary cookies only').waitFor();
    assert.deepEqual(await jar(context), ['plenary_consent', 'plenary_login']);
    await context.close();
  });
});
