// The session designer without its editor island yet: a two-day session built in the
// Programme with forms, times recomputed, reordering by keyboard, and the print page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { blockAction, launchBrowser, newContext, startServer, startSmtp, uniqueEmail } from '../lib/harness.js';

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

const T = {
  en: {
    create: 'Create account', first: 'First name', last: 'Last name', email: 'Email', password: 'Password',
    accept: 'I accept the User Agreement and the Privacy Policy', consent: 'I consent to the processing of my personal data', title: 'Title', newSession: 'Create session',
    firstDay: 'First day', kind: 'Kind', minutes: 'Duration in minutes', add: 'Add block', print: 'Print',
    kinds: { section: 'Section', activity: 'Activity', break: 'Break', day: 'Day' },
    moveUp: 'Move up', actions: (t) => `Actions for “${t}”`, moved: (t, n) => `${t} moved to position ${n}.`,
    edit: 'Edit', editBlock: 'Edit block', save: 'Save', design: 'Design', programme: 'Programme', times: ['9:00 AM–9:30 AM', '9:30 AM–10:30 AM'],
  },
  ru: {
    create: 'Создать аккаунт', first: 'Имя', last: 'Фамилия', email: 'Электронная почта', password: 'Пароль',
    accept: 'Я принимаю Пользовательское соглашение и Политику конфиденциальности', consent: 'Я даю согласие на обработку моих персональных данных', title: 'Название', newSession: 'Создать сессию',
    firstDay: 'Первый день', kind: 'Тип', minutes: 'Длительность в минутах', add: 'Добавить блок', print: 'Печать',
    kinds: { section: 'Раздел', activity: 'Активность', break: 'Перерыв', day: 'День' },
    moveUp: 'Выше', actions: (t) => `Действия: «${t}»`, moved: (t, n) => `«${t}» теперь на месте ${n}.`,
    edit: 'Изменить', editBlock: 'Изменить блок', save: 'Сохранить', design: 'Дизайн', programme: 'Программа', times: ['09:00–09:30', '09:30–10:30'],
  },
};

async function planTwoDays(lang) {
  const t = T[lang];
  const context = await newContext(browser, { locale: lang === 'ru' ? 'ru-RU' : 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/register`);
  await page.getByLabel(t.first, { exact: true }).fill('Ada');
  await page.getByLabel(t.last, { exact: true }).fill('Lovelace');
  await page.getByLabel(t.email, { exact: true }).fill(uniqueEmail(`plan-${lang}`));
  await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
  await page.getByLabel(t.accept).check();
  await page.getByLabel(t.consent).check();
  await page.getByRole('button', { name: t.create, exact: true }).click();
  await page.waitForURL(`${server.url}/`);

  await page.getByLabel(t.title, { exact: true }).fill('Offsite');
  await page.getByLabel(t.firstDay).fill('2026-12-01');
  await page.getByRole('button', { name: t.newSession }).click();
  await page.waitForURL(/\/sessions\//);

  const add = async (kind, title, minutes = '') => {
    await page.getByLabel(t.kind, { exact: true }).selectOption({ label: t.kinds[kind] });
    await page.getByLabel(t.title, { exact: true }).fill(title);
    await page.getByLabel(t.minutes).fill(minutes);
    await page.getByRole('button', { name: t.add }).click();
    await page.waitForLoadState();
  };
  await add('section', 'Opening');
  await add('activity', 'Check-in', '30');
  await add('activity', 'Ideas', '45');
  await add('break', 'Coffee', '15');
  await add('day', 'Day two');
  await add('section', 'Closing');
  await add('activity', 'Retro', '60');

  const rows = page.locator('table.plan tbody tr[data-block]');
  assert.equal(await rows.count(), 7);
  assert.match(await rows.nth(1).innerText(), new RegExp(t.times[0]));

  // A new duration recomputes every later time.
  // Edit opens the block's fields in a sheet over the Programme.
  await blockAction(page, 'Ideas', t.edit);
  const sheet = page.getByRole('dialog', { name: t.editBlock });
  await sheet.getByLabel(t.minutes).fill('60');
  await sheet.getByRole('button', { name: t.save, exact: true }).click();
  await sheet.waitFor({ state: 'hidden' });
  await rows.nth(2).filter({ hasText: t.times[1] }).waitFor();

  // Reorder from the block's menu, by keyboard: open it, go down to "move up", press Enter.
  await page.locator('#editor tr[data-title="Coffee"] td.actions').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  // The menu is named after its block; its items are plain verbs.
  await page.getByRole('menu', { name: t.actions('Coffee') }).getByRole('menuitem', { name: t.moveUp, exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.querySelector('span')?.textContent), t.moveUp);
  await page.keyboard.press('Enter');
  await page.locator('[data-announce]').filter({ hasText: t.moved('Coffee', 3) }).waitFor();
  assert.match(await rows.nth(2).innerText(), /Coffee/);

  // The Design shows the same blocks as cards, grouped by day.
  await page.getByRole('link', { name: t.design, exact: true }).click();
  await page.waitForURL(/\/design/);
  assert.equal(await page.locator('.board-day').count(), 2);
  assert.equal(await page.locator('.block-card').count(), 4);
  assert.match(await page.locator('.block-card').nth(1).innerText(), /Coffee/);
  await page.getByRole('link', { name: t.programme, exact: true }).click();
  await page.waitForURL(/\/sessions\/[^/]+(#.*)?$/);

  await page.getByRole('link', { name: t.print }).click();
  await page.waitForURL(/\/print$/);
  assert.equal(await page.locator('header.site-header').count(), 0, 'no site chrome');
  assert.match(await page.locator('table').innerText(), /Retro/);
  await context.close();
}

describe('Session designer', () => {
  it('a facilitator plans a two-day session, changes a duration, reorders by keyboard and prints it', { timeout: 120_000 }, async () => {
    await planTwoDays('en');
  });

  it('the same path works in Russian with a 24-hour clock', { timeout: 120_000 }, async () => {
    await planTwoDays('ru');
  });
});
