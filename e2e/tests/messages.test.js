// News and offers by email: an administrator sends one in both languages; each person gets it
// in their language through a real SMTP conversation, with List-Unsubscribe headers; one
// unsubscribes with the mail client's one-click POST, the other from the link in a browser
// (in Russian), and the account page shows the refusal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { confirmEmail, extractLink, launchBrowser, newContext, registerPerson, startServer, startSmtp } from '../lib/harness.js';

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

const header = (mail, name) => mail.headerLines.find((h) => h.key === name)?.line ?? '';

describe('News and offers', () => {
  it('reach each person in their language and are refused by one click or from the link, in English and Russian', { timeout: 120_000 }, async () => {
    const admin = await registerPerson(browser, server.url, 'Alma');
    await confirmEmail(admin, smtp);
    server.cli(['admin', 'create-user', '--email', admin.email, '--admin']);
    const en = await registerPerson(browser, server.url, 'Edith');
    await confirmEmail(en, smtp);
    const ru = await registerPerson(browser, server.url, 'Boris');
    await confirmEmail(ru, smtp);
    await ru.page.getByRole('button', { name: 'Русский' }).click();
    await ru.page.waitForLoadState();

    const { page } = admin;
    await page.goto(`${server.url}/admin/newsletters`);
    await page.getByText('3 people with a confirmed address have not refused').waitFor();
    await page.locator('#subject_en').fill('Spring at Plenary');
    await page.locator('#body_en').fill('New designs are in the library.\n\nSee you there.');
    await page.locator('#subject_ru').fill('Весна в Plenary');
    await page.locator('#body_ru').fill('В библиотеке новые дизайны.\n\nДо встречи.');
    await page.getByRole('button', { name: 'Send to everyone who has not refused' }).click();
    await page.getByText('The email is on its way').waitFor();

    const toEn = await smtp.waitForMail({ to: en.email, subject: 'Spring at Plenary' });
    assert.match(toEn.text, /New designs are in the library\./);
    const toRu = await smtp.waitForMail({ to: ru.email, subject: 'Весна в Plenary' });
    assert.match(toRu.text, /В библиотеке новые дизайны\./);
    assert.match(toRu.text, /Отписаться/);
    const link = extractLink(toEn, server.url);
    assert.match(link, /\/unsubscribe\//);
    assert.equal(header(toEn, 'list-unsubscribe'), `List-Unsubscribe: <${link}>`);
    assert.equal(header(toEn, 'list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The mail client's one-click POST (RFC 8058): no browser, no cookie.
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.status, 200);
    await en.page.goto(`${server.url}/account`);
    assert.equal(await en.page.getByLabel('Send me news and offers by email').isChecked(), false);

    // From the link, in a browser where nobody is signed in, in Russian.
    const visitor = await newContext(browser, { locale: 'ru-RU' });
    const v = await visitor.newPage();
    await v.goto(extractLink(toRu, server.url));
    await v.getByRole('heading', { name: 'Отписка от новостей и предложений' }).waitFor();
    await v.getByRole('button', { name: 'Отписаться' }).click();
    await v.getByText('Готово: новости и предложения на этот адрес больше не придут.').waitFor();
    await visitor.close();
    await ru.page.goto(`${server.url}/account`);
    assert.equal(await ru.page.getByLabel('Присылать мне новости и предложения по почте').isChecked(), false);

    // Only the administrator is left to receive the next one.
    await page.goto(`${server.url}/admin/newsletters`);
    await page.getByText('1 person with a confirmed address has not refused').waitFor();
    for (const context of [admin.context, en.context, ru.context]) await context.close();
  });
});
