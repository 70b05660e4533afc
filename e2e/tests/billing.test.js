// Plans in the browser: a person on a free plan that holds one active session makes a second,
// is told which limit stops it and how much is used, in English and in Russian, and follows
// the link to the billing page, which shows the plan and what the workspace uses. An operator
// grants Pro from the command line; the billing page says so and the second session is made.
// A person pays for Pro with the sandbox's test cards: a decline first, then a card that asks
// for confirmation, in English and in Russian; the limit is gone and the card is shown.
// When a plan ends, the sessions past the free plan's limit turn read-only (marked on the
// dashboard, said on the session) and the owner chooses which stay active, in both languages.
// A team's admin asks for an invoice for the organisation (a mistyped INN is named), an
// administrator marks the transfer received, and the team is on Pro, in both languages.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { OPERATOR_TOML, TWO_PLANS_TOML, launchBrowser, registerPerson, startServer } from '../lib/harness.js';

let server;
let browser;
let config;

before(async () => {
  config = path.join(os.tmpdir(), `plenary-e2e-plans-${process.pid}.toml`);
  await writeFile(
    config,
    `${TWO_PLANS_TOML}
${OPERATOR_TOML}`,
  );
  server = await startServer({ env: { PLENARY_CONFIG: config } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function createSession(page, title) {
  const details = page.locator('details.new-session');
  if ((await details.count()) > 0 && !(await details.evaluate((d) => d.open))) {
    await details.locator('summary').click();
  }
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create session' }).click();
}

describe('Plans and limits', () => {
  it('a limit reached is named with its figures, and a granted plan lifts it', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const { page } = ann;
    await createSession(page, 'Kick-off');
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);

    await page.goto(`${server.url}/`);
    await createSession(page, 'Retrospective');
    await page.getByRole('heading', { name: 'Plan limit reached' }).waitFor();
    await page.getByText('Active sessions: 1 of 1').waitFor();
    await page.getByRole('link', { name: 'See your plan' }).click();
    await page.waitForURL(`${server.url}/billing`);
    await page.getByRole('heading', { name: 'Basic', level: 2 }).waitFor();
    const sessions = page.locator('li.usage', { hasText: 'Active sessions' });
    assert.match(await sessions.innerText(), /1 of 1\s*full/);
    assert.equal(await sessions.locator('meter').getAttribute('value'), '1');

    // The same in Russian.
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('heading', { name: 'Тариф и оплата', level: 1 }).waitFor();
    assert.match(await page.locator('li.usage', { hasText: 'Активные сессии' }).innerText(), /1 из 1/);
    await page.goto(`${server.url}/`);
    const details = page.locator('details.new-session');
    await details.locator('summary').click();
    await page.getByLabel('Название', { exact: true }).fill('Ретроспектива');
    await page.getByRole('button', { name: 'Создать сессию' }).click();
    await page.getByText('Активные сессии: 1 из 1').waitFor();
    await page.goto(`${server.url}/billing`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Plan and billing', level: 1 }).waitFor();

    // The operator grants Pro; the limit is gone and the history says why.
    server.cli(['admin', 'grant-plan', '--email', ann.email, '--plan', 'pro', '--days', '30', '--reason', 'Pilot']);
    await page.goto(`${server.url}/billing`);
    await page.getByRole('heading', { name: 'Pro', level: 2 }).waitFor();
    await page.getByText(/Granted by the service’s administrators until/).waitFor();
    await page.getByText(/Pro granted until .* by the service\. Reason: Pilot/).waitFor();
    await page.goto(`${server.url}/`);
    await createSession(page, 'Retrospective');
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await ann.context.close();
  });

  it('paying for Pro with a test card lifts the limit, after a decline and a confirmation step', { timeout: 120_000 }, async () => {
    const bob = await registerPerson(browser, server.url, 'Bob');
    const { page } = bob;
    await createSession(page, 'Kick-off');
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await page.goto(`${server.url}/pricing`);
    await page.getByText('Test mode: payments go to the sandbox').waitFor();
    await page.getByRole('link', { name: 'Pay monthly' }).click();
    await page.getByRole('heading', { name: 'Pay for Pro', level: 1 }).waitFor();
    // The agreement to renewals names the amount and the schedule, and is required.
    await page.getByRole('button', { name: /Pay RUB/ }).click();
    await page.getByText('Agree to the renewal terms to pay.').waitFor();
    await page.getByLabel(/I agree that Pro renews by itself every month: RUB\u00a0990 is charged/).check();
    await page.getByRole('button', { name: /Pay RUB/ }).click();
    await page.getByRole('heading', { name: 'Test payment', level: 1 }).waitFor();
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Expiry').fill('12/39');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: /Pay RUB/ }).click();
    await page.getByText('The payment did not go through: the bank declined the card.').waitFor();

    await page.getByLabel(/I agree that Pro renews/).check();
    await page.getByRole('button', { name: /Pay RUB/ }).click();
    await page.getByLabel('Card number').fill('4000 0000 0000 3220');
    await page.getByLabel('Expiry').fill('12/39');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: /Pay RUB/ }).click();
    await page.getByRole('heading', { name: 'Confirm the payment' }).waitFor();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(`${server.url}/billing?notice=payment-received`);
    await page.getByRole('heading', { name: 'Pro', level: 2 }).waitFor();
    await page.getByText('Visa •••• 3220').waitFor();
    await page.getByText(/Next charge: RUB\u00a0990 on/).waitFor();
    await page.goto(`${server.url}/`);
    await createSession(page, 'Retrospective');
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await bob.context.close();
  });

  it('in Russian, a payment with a test card shows the plan and the card', { timeout: 120_000 }, async () => {
    const vera = await registerPerson(browser, server.url, 'Vera');
    const { page } = vera;
    await page.goto(`${server.url}/pricing`);
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByText('Тестовый режим: платежи идут в песочницу').waitFor();
    await page.getByRole('link', { name: 'Платить за год' }).click();
    await page.getByRole('heading', { name: 'Оплата тарифа «Про»', level: 1 }).waitFor();
    await page.getByLabel(/Я согласен\(на\), что тариф «Про» продлевается автоматически каждый год/).check();
    await page.getByRole('button', { name: /Оплатить 9\s900\s₽/ }).click();
    await page.getByRole('heading', { name: 'Тестовая оплата', level: 1 }).waitFor();
    await page.getByLabel('Номер карты').fill('2200 0000 0000 0004');
    await page.getByLabel('Срок действия').fill('01/40');
    await page.getByLabel('CVC/CVV').fill('321');
    await page.getByRole('button', { name: /Оплатить/ }).click();
    await page.getByText('Оплата получена. Тариф действует').waitFor();
    await page.getByText('Mir •••• 0004').waitFor();
    await page.getByRole('button', { name: 'Отключить автопродление' }).click();
    await page.getByText(/Автопродление отключено: тариф закончится/).waitFor();
    await vera.context.close();
  });
  for (const t of [
    {
      lang: 'en', who: 'Dora', button: null, readOnly: 'Read-only', heldCount: '1 session is read-only',
      choose: 'Choose the active sessions', title: 'Active sessions', save: 'Save the choice',
      saved: 'Saved. The sessions you ticked are active; the others are read-only.',
      tooMany: '2 sessions are ticked, but the plan keeps at most 1 active.',
      note: /Read-only: the workspace’s plan keeps fewer sessions active/, addBlock: 'Add block',
    },
    {
      lang: 'ru', who: 'Egor', button: 'Русский', readOnly: 'Только чтение', heldCount: '1 сессия доступна только для чтения',
      choose: 'Выбрать активные сессии', title: 'Активные сессии', save: 'Сохранить выбор',
      saved: 'Сохранено. Отмеченные сессии активны, остальные — только для чтения.',
      tooMany: 'Отмечено сессий: 2, а тариф оставляет активными не больше 1.',
      note: /Только для чтения: тариф пространства оставляет активными меньше сессий/, addBlock: 'Добавить блок',
    },
  ]) {
    it(`(${t.lang}) when a plan ends, the sessions past the free plan turn read-only and the owner chooses which stay active`, { timeout: 120_000 }, async () => {
      const person = await registerPerson(browser, server.url, t.who);
      const { page } = person;
      server.cli(['admin', 'grant-plan', '--email', person.email, '--plan', 'pro', '--days', '30', '--reason', 'Pilot']);
      const ids = [];
      for (const title of ['Older', 'Newer']) {
        await page.goto(`${server.url}/`);
        await createSession(page, title);
        await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
        ids.push(new URL(page.url()).pathname.split('/').pop());
      }
      await page.goto(`${server.url}/`);
      if (t.button) await page.getByRole('button', { name: t.button }).click();
      // The grant ends: the free plan keeps one session active, the one changed last.
      server.cli(['admin', 'grant-plan', '--email', person.email, '--plan', 'pro', '--days', '0', '--reason', 'Over']);
      await page.goto(`${server.url}/`);
      const older = page.locator('li.session-card', { hasText: 'Older' });
      await older.locator('.tag.held', { hasText: t.readOnly }).waitFor();
      assert.equal(await page.locator('li.session-card', { hasText: 'Newer' }).locator('.tag.held').count(), 0);
      await older.getByRole('link', { name: 'Older' }).click();
      await page.getByText(t.note).waitFor();
      assert.equal(await page.getByRole('heading', { name: t.addBlock }).count(), 0, 'no editing on a read-only session');

      await page.goto(`${server.url}/billing`);
      await page.getByText(t.heldCount).waitFor();
      await page.getByRole('link', { name: t.choose }).click();
      await page.getByRole('heading', { name: t.title, level: 1 }).waitFor();
      const boxes = page.getByRole('checkbox');
      assert.equal(await boxes.count(), 2);
      // Both ticked is more than the plan keeps: said, and nothing changes.
      await page.getByRole('checkbox', { name: /Older/ }).check();
      await page.getByRole('button', { name: t.save }).click();
      await page.getByRole('alert').getByText(t.tooMany).waitFor();
      await page.getByRole('checkbox', { name: /Newer/ }).uncheck();
      await page.getByRole('button', { name: t.save }).click();
      await page.getByText(t.saved).waitFor();
      await page.goto(`${server.url}/sessions/${ids[0]}`);
      await page.getByRole('heading', { name: t.addBlock }).waitFor();
      await page.goto(`${server.url}/sessions/${ids[1]}`);
      await page.getByText(t.note).waitFor();
      await person.context.close();
    });
  }
  for (const t of [
    {
      lang: 'en', who: 'Fedor', button: null, team: 'Create team', teamName: 'Name of the team',
      get: 'Get an invoice', inn: 'INN', badInn: 'INN: the check digits do not match; please check the number.',
      issue: 'Issue the invoice', title: /Invoice No\. \d+ of/, waiting: 'Waiting for the transfer',
      paid: /Paid: the transfer arrived on/, act: 'Act of services (PDF, English)',
      labels: {
        legal: 'Legal form (LLC, JSC, sole trader…)', name: 'Name', kpp: 'KPP', ogrn: 'OGRN', address: 'Legal address',
        bank: 'Bank', bik: 'BIK', account: 'Settlement account', corr: 'Correspondent account', head: 'Head (name)', authority: 'Acts on the basis of',
      },
    },
    {
      lang: 'ru', who: 'Galina', button: 'Русский', team: 'Создать команду', teamName: 'Название команды',
      get: 'Выставить счёт', inn: 'ИНН', badInn: 'ИНН: не сходятся контрольные цифры; проверьте номер.',
      issue: 'Выставить счёт', title: /Счёт № \d+ от/, waiting: 'Ждёт оплаты',
      paid: /Оплачен: перевод поступил/, act: 'Акт оказанных услуг (PDF, по-русски)',
      labels: {
        legal: 'Организационно-правовая форма (ООО, АО, ИП…)', name: 'Наименование', kpp: 'КПП', ogrn: 'ОГРН', address: 'Юридический адрес',
        bank: 'Банк', bik: 'БИК', account: 'Расчётный счёт', corr: 'Корреспондентский счёт', head: 'Руководитель (ФИО)', authority: 'Действует на основании',
      },
    },
  ]) {
    it(`(${t.lang}) an organisation gets an invoice, an administrator marks the transfer received, and the team is on the plan`, { timeout: 120_000 }, async () => {
      const person = await registerPerson(browser, server.url, t.who);
      const { page } = person;
      if (t.button) await page.getByRole('button', { name: t.button }).click();
      await page.goto(`${server.url}/workspaces`);
      await page.getByLabel(t.teamName).fill(`${t.who}'s team`);
      await page.getByRole('button', { name: t.team }).click();
      await page.goto(`${server.url}/billing`);
      await page.getByRole('link', { name: t.get }).click();
      const l = t.labels;
      await page.getByLabel(l.legal).fill('ООО');
      await page.getByLabel(l.name, { exact: true }).fill('Ромашка');
      await page.getByLabel(t.inn, { exact: true }).fill('7707083894');
      await page.getByLabel(l.kpp, { exact: true }).fill('773601001');
      await page.getByLabel(l.ogrn, { exact: true }).fill('1027700132195');
      await page.getByLabel(l.address).fill('Москва, ул. Вавилова, 19');
      await page.getByLabel(l.bank, { exact: true }).fill('ПАО Сбербанк');
      await page.getByLabel(l.bik, { exact: true }).fill('044525225');
      await page.getByLabel(l.account, { exact: true }).fill('40702810638000000000');
      await page.getByLabel(l.corr, { exact: true }).fill('30101810400000000225');
      await page.getByLabel(l.head).fill('Иванов Иван Иванович');
      await page.getByLabel(l.authority).fill('Устава');
      await page.getByRole('button', { name: t.issue }).click();
      await page.getByText(t.badInn).waitFor();
      assert.equal(await page.getByLabel(t.inn, { exact: true }).getAttribute('aria-invalid'), 'true');
      await page.getByLabel(t.inn, { exact: true }).fill('7707083893');
      await page.getByRole('button', { name: t.issue }).click();
      await page.getByRole('heading', { name: t.title, level: 1 }).waitFor();
      await page.getByText(t.waiting).waitFor();
      const invoice = new URL(page.url()).pathname;
      const pdf = await page.request.get(`${server.url}${invoice}/invoice.pdf?lang=${t.lang}`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');

      // An administrator sees the transfer arrive and marks it.
      const admin = await registerPerson(browser, server.url, `${t.who}Admin`);
      server.cli(['admin', 'create-user', '--email', admin.email, '--admin']);
      await admin.page.goto(`${server.url}/admin/invoices`);
      const card = admin.page.locator('li.card', { has: admin.page.locator(`a[href="${invoice}"]`) });
      await card.getByRole('textbox').fill('Payment order 7 of 07.12.2026');
      await card.getByRole('button', { name: 'Mark paid' }).click();
      await admin.page.getByText('Marked paid. The plan has started').waitFor();
      await admin.context.close();

      await page.goto(`${server.url}${invoice}`);
      await page.getByText(t.paid).waitFor();
      await page.getByRole('link', { name: t.act }).waitFor();
      await page.goto(`${server.url}/billing`);
      await page.getByRole('heading', { name: t.lang === 'ru' ? 'Про' : 'Pro', level: 2, exact: true }).waitFor();
      await person.context.close();
    });
  }
});
