// The administrators' console: an administrator finds a person, blocks them with a reason (the
// person, who reads Russian, gets a real email in Russian; their sign-in is refused with a clear
// page and their session's public link answers "not found"), then unblocks them, and both work
// again; the audit log keeps both actions. The person's page fits a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { launchBrowser, newContext, registerPerson, startServer, startSmtp } from '../lib/harness.js';

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

/** Boris signs in on a fresh page of his context: where the form answers. */
async function signIn(person) {
  const page = await person.context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.locator('#email').fill(person.email);
  await page.locator('#password').fill('a quiet river at dawn');
  await page.locator('form[action="/signin"] button[type="submit"]').click();
  await page.waitForLoadState();
  return page;
}

describe('Administration', () => {
  it('blocks a person, whose sign-in and public link stop, and unblocks them, in Russian', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const boris = await registerPerson(browser, server.url, 'Boris');
    server.cli(['admin', 'create-user', '--email', ann.email, '--admin']);

    // Boris makes a session with a public link, then reads in Russian.
    const b = boris.page;
    await b.getByLabel('Title', { exact: true }).fill('Team day');
    await b.getByLabel('First day').fill('2026-12-01');
    await b.getByRole('button', { name: 'Create session' }).click();
    await b.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await b.goto(`${b.url()}/share`);
    await b.getByRole('button', { name: 'Create a link' }).click();
    const link = await b.getByLabel('The new link (shown only now; copy it)').inputValue();
    await b.goto(`${server.url}/`);
    await b.getByRole('button', { name: 'Русский' }).click();
    await b.waitForLoadState();

    const { page } = ann;
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Search by email or name').fill('boris');
    await page.getByRole('link', { name: boris.email, exact: true }).click();
    await page.getByRole('heading', { name: 'Boris Tester' }).waitFor();
    await page.setViewportSize({ width: 360, height: 740 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the person page scrolls sideways at 360 px');
    await page.setViewportSize({ width: 1366, height: 768 });

    // A block needs a reason.
    await page.getByRole('button', { name: 'Block the account' }).click();
    await page.locator('#block-reason[aria-invalid="true"]').waitFor();
    await page.locator('#block-reason').fill('Spam invitations to strangers');
    await page.locator('#block-message').fill('Write to us if this is a mistake.');
    await page.getByRole('button', { name: 'Block the account' }).click();
    await page.getByText('The account is blocked, and the person has been told by email.').waitFor();
    await page.getByText(/^Blocked since /).waitFor();

    const mail = await smtp.waitForMail({ to: boris.email, subject: /заблокирован/ });
    assert.match(mail.text, /Spam invitations to strangers/);

    // His open page has no login behind it any more; signing in again is refused, in Russian.
    await b.goto(`${server.url}/account`);
    assert.match(b.url(), /\/signin/, 'the blocked person is signed out');
    const refused = await signIn(boris);
    await refused.getByText('Этот аккаунт заблокирован администраторами сервиса').waitFor();
    await refused.close();

    const visitor = await newContext(browser, { locale: 'en-US' });
    const v = await visitor.newPage();
    assert.equal((await v.goto(link))?.status(), 404, 'the public link of a blocked person answers "not found"');

    await page.locator('#unblock-reason').fill('He explained by email');
    await page.getByRole('button', { name: 'Unblock the account' }).click();
    await page.getByText('The account is unblocked, and the person has been told by email.').waitFor();
    await smtp.waitForMail({ to: boris.email, subject: /разблокирован/ });

    const back = await signIn(boris);
    assert.equal(new URL(back.url()).pathname, '/');
    assert.equal((await v.goto(link))?.status(), 200);

    await page.goto(`${server.url}/admin/audit`);
    await page.getByText('Spam invitations to strangers').waitFor();
    await page.getByText('He explained by email').waitFor();
    await page.getByLabel('Action').selectOption({ label: 'Unblocked' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('He explained by email').waitFor();
    assert.equal(await page.getByText('Spam invitations to strangers').count(), 0);

    await visitor.close();
    await ann.context.close();
    await boris.context.close();
  });

  it('removes a reported public method, telling its author and its reporter, who reads Russian', { timeout: 120_000 }, async () => {
    const admin = await registerPerson(browser, server.url, 'Ada');
    const cat = await registerPerson(browser, server.url, 'Cat');
    const dan = await registerPerson(browser, server.url, 'Dan');
    server.cli(['admin', 'create-user', '--email', admin.email, '--admin']);

    // Cat writes a method and it is published.
    const title = `Sales pitch ${Date.now()}`;
    const c = cat.page;
    await c.goto(`${server.url}/library/methods/new`);
    await c.locator('#m-title').fill(title);
    await c.locator('#m-steps').fill('Buy my course.');
    await c.getByRole('button', { name: 'Save', exact: true }).click();
    await c.getByRole('heading', { name: title }).waitFor();
    const methodPath = new URL(c.url()).pathname;
    await c.getByRole('button', { name: 'Ask to publish' }).click();
    await c.getByText('Sent for review.').waitFor();
    const { page } = admin;
    await page.goto(`${server.url}/admin/moderation`);
    await page.getByRole('button', { name: `Approve “${title}”` }).click();
    await page.getByText('Approved and published.').waitFor();

    // Dan, who reads Russian, reports it.
    const d = dan.page;
    await d.getByRole('button', { name: 'Русский' }).click();
    await d.waitForLoadState();
    await d.goto(`${server.url}${methodPath}`);
    await d.getByRole('link', { name: 'Пожаловаться на метод' }).click();
    await d.getByRole('heading', { name: 'Пожаловаться на метод' }).waitFor();
    await d.setViewportSize({ width: 360, height: 740 });
    assert.equal(await d.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the report form scrolls sideways at 360 px');
    await d.getByRole('button', { name: 'Отправить жалобу' }).click();
    await d.locator('#body[aria-invalid="true"]').waitFor();
    await d.getByLabel('Спам или реклама').check();
    await d.locator('#body').fill('Это реклама платного курса, а не метод.');
    await d.getByRole('button', { name: 'Отправить жалобу' }).click();
    await d.getByText('Спасибо. Администраторы прочитают жалобу').waitFor();

    await page.goto(`${server.url}/admin/reports`);
    await page.getByText('Это реклама платного курса, а не метод.').waitFor();
    await page.getByText('1 open report').waitFor();
    await page.getByLabel('Reason (kept in the audit log)').fill('Advertising is not a method.');
    await page.getByRole('button', { name: `Remove the content — ${title}` }).click();
    await page.getByText('The content is removed').waitFor();

    const toCat = await smtp.waitForMail({ to: cat.email, subject: `Your method “${title}” is removed from the public library` });
    assert.match(toCat.text, /Advertising is not a method\./);
    await smtp.waitForMail({ to: dan.email, subject: /^Ваша жалоба на «.+»: материал убран$/ });
    assert.equal((await d.goto(`${server.url}${methodPath}`))?.status(), 404, 'gone from the public library');
    assert.equal((await c.goto(`${server.url}${methodPath}`))?.status(), 200, 'its author keeps it');

    // Restored from the list of removed content.
    await page.goto(`${server.url}/admin/content`);
    await page.getByRole('link', { name: title }).waitFor();
    await page.getByLabel('Reason (kept in the audit log)').last().fill('Cleared with the author.');
    await page.getByRole('button', { name: `Restore — ${title}` }).click();
    await page.getByText('The content is back').waitFor();
    assert.equal((await d.goto(`${server.url}${methodPath}`))?.status(), 200);

    await Promise.all([admin.context.close(), cat.context.close(), dan.context.close()]);
  });

  it('takes down a method on a copyright notice from a visitor and restores it on its author’s counter-notice, in Russian', { timeout: 120_000 }, async () => {
    const admin = await registerPerson(browser, server.url, 'Gil');
    const eve = await registerPerson(browser, server.url, 'Eve');
    const fay = await registerPerson(browser, server.url, 'Fay');
    server.cli(['admin', 'create-user', '--email', admin.email, '--admin']);

    // Eve's method is published; then she reads in Russian.
    const title = `World café ${Date.now()}`;
    const e = eve.page;
    await e.goto(`${server.url}/library/methods/new`);
    await e.locator('#m-title').fill(title);
    await e.locator('#m-steps').fill('Tables, hosts, rounds.');
    await e.getByRole('button', { name: 'Save', exact: true }).click();
    await e.getByRole('heading', { name: title }).waitFor();
    const methodPath = new URL(e.url()).pathname;
    await e.getByRole('button', { name: 'Ask to publish' }).click();
    await e.getByText('Sent for review.').waitFor();
    const { page } = admin;
    await page.goto(`${server.url}/admin/moderation`);
    await page.getByRole('button', { name: `Approve “${title}”` }).click();
    await page.getByText('Approved and published.').waitFor();
    await e.getByRole('button', { name: 'Русский' }).click();
    await e.waitForLoadState();

    // A visitor, signed out, sends a notice from the footer's link, on a phone.
    const visitor = await newContext(browser, { locale: 'en-US', viewport: { width: 360, height: 740 } });
    const v = await visitor.newPage();
    await v.goto(`${server.url}/signin`);
    await v.getByRole('link', { name: 'Copyright notice' }).click();
    await v.getByRole('heading', { name: 'Copyright notice' }).waitFor();
    assert.equal(await v.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the notice form scrolls sideways at 360 px');
    const vera = `vera-${Date.now()}@example.org`;
    await v.getByLabel('Address of the material on Plenary').fill(`${server.url}${methodPath}`);
    await v.getByLabel('The work and its copyright details').fill('Chapter 3 of my book “Hosting”, 2019; I hold the rights.');
    await v.getByLabel('Full name').fill('Vera Rights');
    await v.getByLabel('Email').fill(vera);
    await v.getByLabel('Phone').fill('+7 900 000-00-00');
    await v.getByRole('button', { name: 'Send the notice' }).click();
    await v.locator('#good_faith[aria-invalid="true"]').waitFor();
    assert.equal(await v.getByLabel('Full name').inputValue(), 'Vera Rights', 'what was typed is kept');
    await v.getByLabel(/I believe in good faith/).check();
    await v.getByLabel(/The information in this notice is accurate/).check();
    await v.getByRole('button', { name: 'Send the notice' }).click();
    await v.getByText('Thank you. The administrators will look at your notice').waitFor();

    // The administrator sees what the notice says and removes the method.
    await page.goto(`${server.url}/admin/reports`);
    await page.getByText('Vera Rights, ' + vera).waitFor();
    await page.getByLabel('Reason (kept in the audit log)').fill('Copied from a book, says its rights holder.');
    await page.getByRole('button', { name: `Remove the content — ${title}` }).click();
    await page.getByText('The content is removed').waitFor();
    assert.equal((await fay.page.goto(`${server.url}${methodPath}`))?.status(), 404);

    // Eve hears in Russian, with the way to answer, and answers.
    const toEve = await smtp.waitForMail({ to: eve.email, subject: /убран из общей библиотеки/ });
    const counterLink = toEve.text.match(/https?:\/\/\S+\/copyright\/counter\/[0-9a-f-]+/)[0];
    await e.goto(counterLink);
    await e.getByRole('heading', { name: 'Встречное уведомление' }).waitFor();
    await e.getByText('Vera Rights').waitFor();
    await e.getByLabel('Телефон').fill('+7 900 111-11-11');
    await e.getByLabel('Почему материал убран ошибочно').fill('Я придумала этот формат в 2015 году, задолго до книги.');
    await e.getByLabel(/Я добросовестно полагаю/).check();
    await e.getByLabel(/Моё имя, контакты и объяснение/).check();
    await e.getByRole('button', { name: 'Отправить встречное уведомление' }).click();
    await e.getByText(/Встречное уведомление отправлено/).waitFor();
    const toVera = await smtp.waitForMail({ to: vera, subject: /^A counter-notice about/ });
    assert.match(toVera.text, /задолго до книги/);

    // The administrator restores it; both sides are told.
    await page.goto(`${server.url}/admin/reports`);
    await page.getByRole('heading', { name: 'Counter-notices waiting' }).waitFor();
    await page.getByLabel('Reason (kept in the audit log)').first().fill('The author shows the format is hers.');
    await page.getByRole('button', { name: `Restore the material — ${title}` }).click();
    await page.getByText('The content is back').waitFor();
    await smtp.waitForMail({ to: eve.email, subject: /возвращено после вашего встречного уведомления/ });
    await smtp.waitForMail({ to: vera, subject: /was restored after a counter-notice/ });
    assert.equal((await fay.page.goto(`${server.url}${methodPath}`))?.status(), 200, 'public again');

    await visitor.close();
    await Promise.all([admin.context.close(), eve.context.close(), fay.context.close()]);
  });
});
