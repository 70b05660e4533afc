// Renewals, switches and the administrators' billing console in the browser. A monthly plan
// switched to annual shows the unused part of the month as a credit, in English and in
// Russian. A renewal that keeps
// failing, with time moved on by `plenary admin age-billing` (test mode only): an email at each
// failed attempt, paid features through the grace, then the free plan, a session read-only and
// the owner choosing the active one, in English and in Russian. An administrator refunds part
// of a payment with a reason and grants a plan from the console; the payer's receipt is a PDF
// in the billing history.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { TWO_PLANS_TOML, launchBrowser, registerPerson, startServer, startSmtp } from '../lib/harness.js';

let server;
let browser;
let smtp;

before(async () => {
  const config = path.join(os.tmpdir(), `plenary-e2e-renewals-${process.pid}.toml`);
  await writeFile(
    config,
    TWO_PLANS_TOML,
  );
  smtp = await startSmtp();
  server = await startServer({ smtpPort: smtp.port, env: { PLENARY_CONFIG: config } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** Pays for Pro monthly with the test card `number`, agreeing to renewals. */
async function payProMonthly(page, t, number) {
  await page.goto(`${server.url}/pricing`);
  await page.getByRole('link', { name: t.payMonthly }).click();
  await page.getByLabel(t.consent).check();
  await page.getByRole('button', { name: t.pay }).click();
  await page.getByLabel(t.cardNumber).fill(number);
  await page.getByLabel(t.expiry).fill('12/39');
  await page.getByLabel(t.cvc).fill('123');
  await page.getByRole('button', { name: t.pay }).click();
  await page.getByText(t.received).waitFor();
}

describe('Renewals and the billing console', () => {
  for (const t of [
    {
      lang: 'en', who: 'Fay', button: null, payMonthly: 'Pay monthly', consent: /I agree that Pro renews/, pay: /Pay RUB/,
      cardNumber: 'Card number', expiry: 'Expiry', cvc: 'CVC', received: /Payment received/, title: 'Title', create: 'Create session',
      failedSubject: 'Your Plenary plan could not be renewed', retrying: /The renewal was declined and is being tried again/,
      event: /The renewal of Pro was not paid \(the bank declined the card\.\)/, gaveUp: /We will not try again/,
      heldSubject: 'Some of your sessions are read-only now', free: 'The workspace is on the free plan.',
      heldCount: '1 session is read-only', choose: 'Choose the active sessions', save: 'Save the choice',
      saved: 'Saved. The sessions you ticked are active; the others are read-only.',
    },
    {
      lang: 'ru', who: 'Gleb', button: 'Русский', payMonthly: 'Платить помесячно', consent: /Я согласен\(на\), что тариф «Про» продлевается/, pay: /Оплатить/,
      cardNumber: 'Номер карты', expiry: 'Срок действия', cvc: 'CVC/CVV', received: /Оплата получена/, title: 'Название', create: 'Создать сессию',
      failedSubject: 'Не удалось продлить тариф Plenary', retrying: /Продление отклонено, попытки продолжаются/,
      event: /Продление тарифа «Про» не оплачено \(банк отклонил карту\.\)/, gaveUp: /Больше попыток не будет/,
      heldSubject: 'Часть ваших сессий теперь только для чтения', free: 'Пространство на бесплатном тарифе.',
      heldCount: '1 сессия доступна только для чтения', choose: 'Выбрать активные сессии', save: 'Сохранить выбор',
      saved: 'Сохранено. Отмеченные сессии активны, остальные — только для чтения.',
    },
  ]) {
    it(`(${t.lang}) a renewal that keeps failing is emailed at each attempt, keeps the plan through the grace, then leaves the free plan and a choice of the active session`, { timeout: 180_000 }, async () => {
      const person = await registerPerson(browser, server.url, t.who);
      const { page } = person;
      if (t.button) await page.getByRole('button', { name: t.button }).click();
      await payProMonthly(page, t, '4000 0000 0000 0341');
      for (const title of ['Morning', 'Afternoon']) {
        await page.goto(`${server.url}/`);
        const details = page.locator('details.new-session');
        if ((await details.count()) > 0 && !(await details.evaluate((d) => d.open))) await details.locator('summary').click();
        await page.getByLabel(t.title, { exact: true }).fill(title);
        await page.getByRole('button', { name: t.create }).click();
        await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
      }
      const age = (days) => server.cli(['admin', 'age-billing', '--email', person.email, '--days', String(days)]);
      // The month is over: the saved card is declined, the owner is told, the plan stays.
      age(31);
      const first = await smtp.waitForMail({ to: person.email, subject: t.failedSubject });
      assert.doesNotMatch(first.text, t.gaveUp);
      await page.goto(`${server.url}/billing`);
      await page.getByText(t.retrying).waitFor();
      await page.getByText(t.event).first().waitFor();
      // Tried again after 1, 3 and 5 days: an email each time, the last one giving up.
      for (const days of [1, 2, 2]) {
        age(days);
        await smtp.waitForMail({ to: person.email, subject: t.failedSubject });
      }
      const last = smtp.mailTo(person.email).filter((m) => m.subject === t.failedSubject).at(-1);
      assert.match(last.text, t.gaveUp);
      assert.equal(smtp.mailTo(person.email).filter((m) => m.subject === t.heldSubject).length, 0, 'nothing held in the grace');
      // The grace is over: the free plan keeps one session active; the owner hears it.
      age(3);
      await smtp.waitForMail({ to: person.email, subject: t.heldSubject });
      await page.goto(`${server.url}/billing`);
      await page.getByText(t.free).waitFor();
      await page.getByText(t.heldCount).waitFor();
      await page.getByRole('link', { name: t.choose }).click();
      await page.getByRole('checkbox', { name: /Afternoon/ }).uncheck();
      await page.getByRole('checkbox', { name: /Morning/ }).check();
      await page.getByRole('button', { name: t.save }).click();
      await page.getByText(t.saved).waitFor();
      await person.context.close();
    });
  }

  for (const t of [
    {
      lang: 'en', who: 'Jon', button: null, payMonthly: 'Pay monthly', consent: /I agree that Pro renews/, pay: /Pay RUB/,
      cardNumber: 'Card number', expiry: 'Expiry', cvc: 'CVC', received: /Payment received/,
      annual: 'Pay annually', yearConsent: /I agree that Pro renews by itself every year/, credit: 'Unused part of the current term',
      switched: 'The plan is switched.', event: /Switched to Pro, paid until/, yearPrice: /RUB\s9,900(?![.\d])/,
    },
    {
      lang: 'ru', who: 'Kira', button: 'Русский', payMonthly: 'Платить помесячно', consent: /Я согласен\(на\), что тариф «Про» продлевается/, pay: /Оплатить/,
      cardNumber: 'Номер карты', expiry: 'Срок действия', cvc: 'CVC/CVV', received: /Оплата получена/,
      annual: 'Платить за год', yearConsent: /Я согласен\(на\), что тариф «Про» продлевается автоматически каждый год/, credit: 'Неиспользованная часть текущего срока',
      switched: 'Тариф сменён.', event: /Переход на тариф «Про», оплачен до/, yearPrice: /9\s900\s₽/,
    },
  ]) {
    it(`(${t.lang}) switching from monthly to annual takes the unused part of the month off the price`, { timeout: 120_000 }, async () => {
      const person = await registerPerson(browser, server.url, t.who);
      const { page } = person;
      if (t.button) await page.getByRole('button', { name: t.button }).click();
      await payProMonthly(page, t, '4242 4242 4242 4242');
      await page.goto(`${server.url}/billing`);
      // The month paid for is the current choice: only the annual one is offered for Pro.
      await page.getByRole('link', { name: t.annual }).first().click();
      const credit = page.getByText(t.credit);
      await credit.waitFor();
      // The credit is taken off: what is paid now is less than a year's price.
      const toPay = await page.getByRole('button', { name: t.pay }).innerText();
      assert.doesNotMatch(toPay, t.yearPrice, toPay);
      assert.match(await page.locator('main').innerText(), t.yearPrice, 'the year\'s price is in the calculation');
      await page.getByLabel(t.yearConsent).check();
      await page.getByRole('button', { name: t.pay }).click();
      await page.getByLabel(t.cardNumber).fill('4242 4242 4242 4242');
      await page.getByLabel(t.expiry).fill('12/39');
      await page.getByLabel(t.cvc).fill('123');
      await page.getByRole('button', { name: t.pay }).click();
      await page.getByText(t.switched).waitFor();
      await page.getByText(t.event).waitFor();
      await person.context.close();
    });
  }

  it('an administrator refunds part of a payment with a reason and grants a plan from the console; the payer gets a PDF receipt', { timeout: 120_000 }, async () => {
    const payer = await registerPerson(browser, server.url, 'Hana');
    await payProMonthly(payer.page, {
      payMonthly: 'Pay monthly', consent: /I agree that Pro renews/, pay: /Pay RUB/, cardNumber: 'Card number',
      expiry: 'Expiry', cvc: 'CVC', received: /Payment received/,
    }, '4242 4242 4242 4242');
    await payer.page.goto(`${server.url}/billing`);
    const receipt = payer.page.getByRole('link', { name: 'Receipt (PDF)' });
    const pdf = await payer.page.request.get(`${server.url}${await receipt.getAttribute('href')}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');

    const admin = await registerPerson(browser, server.url, 'Ivo');
    server.cli(['admin', 'create-user', '--email', admin.email, '--admin']);
    const { page } = admin;
    await page.goto(`${server.url}/admin/billing`);
    await page.getByLabel('Find a workspace by its name or its owner’s email').fill(payer.email);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Workspaces found' }).waitFor();
    await page.locator('li.card h3 a').first().click();
    await page.getByRole('heading', { name: 'Grant a plan' }).waitFor();

    // A refund without a reason is refused on its field, with the amount kept.
    let refund = page.locator('details.refund').first();
    await refund.locator('summary').click();
    await refund.getByLabel('Amount to give back').fill('300');
    await refund.locator('button[type=submit]').click();
    refund = page.locator('details.refund[open]');
    await refund.getByText('Say why, for the record.').waitFor();
    assert.equal(await refund.getByLabel('Amount to give back').inputValue(), '300');
    await refund.getByLabel('Reason (kept in the workspace’s history').fill('Charged for a week not used');
    await refund.locator('button[type=submit]').click();
    await page.getByText('Refunded. The payer is told by email.').waitFor();
    await page.getByText(/paid, RUB\u00a0300 given back/).first().waitFor();
    await page.getByText(/Ivo Tester gave back part or all of a payment for Pro\. Reason: Charged for a week not used/).waitFor();
    await smtp.waitForMail({ to: payer.email, subject: /^Refund: RUB\u00a0300/ });

    // A comp: Pro for 60 days, with its reason.
    const grant = page.locator('section', { has: page.getByRole('heading', { name: 'Grant a plan' }) });
    await grant.getByLabel('Days', { exact: true }).fill('60');
    await grant.getByLabel('Reason (kept in the workspace’s history').fill('Partner of the month');
    await page.getByRole('button', { name: 'Grant the plan' }).click();
    await page.getByText('The plan is granted and written in the workspace’s history.').waitFor();
    await page.getByText(/Pro granted until .* by Ivo Tester\. Reason: Partner of the month/).waitFor();
    await payer.page.goto(`${server.url}/billing`);
    await payer.page.getByText(/paid, RUB\u00a0300 given back/).waitFor();
    await admin.context.close();
    await payer.context.close();
  });
});
