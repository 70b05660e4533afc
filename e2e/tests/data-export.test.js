// Download my data: from the account's pages a person asks for a copy of their data, watches
// it being prepared, gets the link by a real email, downloads the ZIP and finds their account
// and their session in it; in English and in Russian, and the page fits a phone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

/** The names and texts of a ZIP's entries, read with Python's zipfile (no npm package). */
function unzip(file) {
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: z.read(n).decode("utf-8","replace") for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

const T = {
  en: {
    tab: 'Your data', ask: 'Prepare my data', ready: 'Your data is ready', subject: 'Your data is ready to download',
    download: /^Download the ZIP/, again: 'You can ask for another copy after',
  },
  ru: {
    tab: 'Ваши данные', ask: 'Подготовить мои данные', ready: 'Ваши данные готовы', subject: 'Ваши данные готовы к скачиванию',
    download: /^Скачать ZIP/, again: 'Следующую копию можно запросить после',
  },
};

describe('Download my data', () => {
  for (const lang of ['en', 'ru']) {
    it(`prepares, emails and downloads a copy that holds the account and its session, in ${lang === 'en' ? 'English' : 'Russian'}`, { timeout: 120_000 }, async () => {
      const t = T[lang];
      const person = await registerPerson(browser, server.url, lang === 'en' ? 'Ann' : 'Boris');
      await confirmEmail(person, smtp);
      const { page } = person;
      await page.goto(`${server.url}/`);
      await page.getByLabel('Title', { exact: true }).fill(`Offsite ${lang}`);
      await page.getByLabel('First day').fill('2026-12-01');
      await page.getByRole('button', { name: 'Create session' }).click();
      await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
      if (lang === 'ru') {
        await page.getByRole('button', { name: 'Русский' }).click();
        await page.waitForLoadState();
      }
      await page.goto(`${server.url}/account`);
      await page.getByRole('link', { name: t.tab, exact: true }).click();
      await page.waitForURL(/\/account\/data$/);
      await page.setViewportSize({ width: 360, height: 740 });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the page scrolls sideways at 360 px');
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByRole('button', { name: t.ask }).click();
      await page.waitForURL(/\/account\/data\/[0-9a-f-]+$/);
      await page.getByRole('heading', { name: t.ready }).waitFor({ timeout: 60_000 });

      const mail = await smtp.waitForMail({ to: person.email, subject: t.subject });
      const link = extractLink(mail, server.url);
      assert.equal(new URL(link).pathname, new URL(page.url()).pathname, 'the email leads to the copy');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: t.download }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^plenary-data-\d{4}-\d{2}-\d{2}\.zip$/);
      const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'plenary-data-')), download.suggestedFilename());
      await download.saveAs(file);
      const entries = unzip(file);
      const account = JSON.parse(entries['account.json']);
      assert.equal(account.profile.email, person.email);
      const sessions = Object.keys(entries).filter((n) => n.startsWith('sessions/'));
      assert.equal(sessions.length, 1, `one session in ${Object.keys(entries).join(', ')}`);
      assert.match(entries[sessions[0]], new RegExp(`Offsite ${lang}`));
      assert.match(entries['README.txt'], /account\.json/);

      // Once a day: the page says when the next copy may be asked for.
      await page.goto(`${server.url}/account/data`);
      await page.getByText(t.again).waitFor();
      assert.equal(await page.getByRole('button', { name: t.ask }).count(), 0);
      await person.context.close();
    });
  }
});
