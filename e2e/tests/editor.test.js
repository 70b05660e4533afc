// The editor island: edit in place, undo and redo, reorder with the keyboard in the
// Programme and by dragging in the Design, and a custom field shown as a column and a card line.
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

/** A signed-in page on a new two-day session with sections and six timed blocks. */
async function twoDaySession() {
  const context = await newContext(browser, { locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const email = uniqueEmail('editor');
  await page.goto(`${server.url}/register`);
  await page.getByLabel('First name', { exact: true }).fill('Grace');
  await page.getByLabel('Last name', { exact: true }).fill('Hopper');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
  await page.getByLabel('I consent to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.waitForURL(`${server.url}/`);
  // Pro, for custom fields.
  server.cli(['admin', 'grant-plan', '--email', email, '--plan', 'pro', '--days', '30', '--reason', 'Editor tests']);
  await page.getByLabel('Title', { exact: true }).fill('Workshop');
  await page.getByLabel('First day').fill('2026-12-01');
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(/\/sessions\//);
  const blocks = [
    ['Section', 'Opening', ''], ['Activity', 'Check-in', '30'], ['Activity', 'Ideas', '45'],
    ['Break', 'Coffee', '15'], ['Day', 'Day two', ''], ['Section', 'Closing', ''],
    ['Activity', 'Retro', '60'], ['Activity', 'Goodbye', '10'],
  ];
  for (const [kind, title, minutes] of blocks) {
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Duration in minutes').fill(minutes);
    await page.getByRole('button', { name: 'Add block' }).click();
    await page.waitForLoadState();
  }
  return { context, page };
}

const row = (page, title) => page.locator(`#editor tr[data-title="${title}"]`);

describe('Editor island', () => {
  it('edits a duration in place, recomputes times, and undoes and redoes it', { timeout: 120_000 }, async () => {
    const { context, page } = await twoDaySession();
    await row(page, 'Check-in').getByRole('button', { name: '30 min' }).click();
    const input = row(page, 'Check-in').locator('input.inline-input');
    await input.fill('40');
    await input.press('Enter');
    await row(page, 'Ideas').getByText('9:40 AM–10:25 AM').waitFor();

    await page.getByRole('button', { name: 'Undo' }).click();
    await row(page, 'Ideas').getByText('9:30 AM–10:15 AM').waitFor();
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();

    await page.locator('body').press('Control+Shift+Z');
    await row(page, 'Ideas').getByText('9:40 AM–10:25 AM').waitFor();

    // A title edited in place keeps its row; Escape cancels an edit.
    await row(page, 'Ideas').getByRole('button', { name: 'Ideas', exact: true }).click();
    await row(page, 'Ideas').locator('input.inline-input').fill('Never saved');
    await row(page, 'Ideas').locator('input.inline-input').press('Escape');
    assert.equal(await page.locator('#editor tr[data-title="Never saved"]').count(), 0);
    await context.close();
  });

  it('reorders with Alt and the arrow keys in the grid and announces the new position', { timeout: 120_000 }, async () => {
    const { context, page } = await twoDaySession();
    await row(page, 'Coffee').locator('td.title').click();
    await page.keyboard.press('Alt+ArrowUp');
    await page.locator('[data-announce]').filter({ hasText: 'Coffee moved to position 3.' }).waitFor();
    const titles = await page.locator('#editor tbody tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    assert.deepEqual(titles.slice(0, 4), ['Opening', 'Check-in', 'Coffee', 'Ideas']);
    // Focus stays on the moved block's cell, so the keys can be pressed again.
    await page.locator('#editor tr[data-title="Coffee"] td.title:focus').waitFor();
    await page.keyboard.press('Alt+ArrowUp');
    await page.locator('[data-announce]').filter({ hasText: 'Coffee moved to position 2.' }).waitFor();
    await context.close();
  });

  it('drags a card in the Design to another day and undoes it with the keyboard', { timeout: 120_000 }, async () => {
    const { context, page } = await twoDaySession();
    await page.getByRole('link', { name: 'Design', exact: true }).click();
    await page.waitForURL(/\/design/);
    const cards = page.locator('#editor .block-card');
    const handle = page.getByRole('button', { name: 'Move “Retro”', exact: true });
    const target = await cards.filter({ hasText: 'Check-in' }).boundingBox();
    const from = await handle.boundingBox();
    assert.ok(target && from);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Cards of a day without sections sit side by side: the left half of a card is before it.
    await page.mouse.move(target.x + 12, target.y + target.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.locator('#editor .board-day').first().locator('.block-card').first().filter({ hasText: 'Retro' }).waitFor();
    assert.match(await cards.first().innerText(), /9:00 AM/);

    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    await page.locator('#editor .board-day').nth(1).locator('.block-card').first().filter({ hasText: 'Retro' }).waitFor();
    // The history follows to the Programme: redo there.
    await page.getByRole('link', { name: 'Programme', exact: true }).click();
    await page.waitForURL(/\/sessions\/[^/]+(#.*)?$/);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByRole('status').filter({ hasText: 'Redone.' }).waitFor();
    const titles = await page.locator('#editor tbody tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    assert.deepEqual(titles.slice(0, 3), ['Opening', 'Retro', 'Check-in']);
    await context.close();
  });

  it('adds a custom field that shows as a Programme column and a card line', { timeout: 120_000 }, async () => {
    const { context, page } = await twoDaySession();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Field name').fill('Energy');
    await page.getByLabel('Type', { exact: true }).selectOption('choice');
    await page.getByLabel('Choices').fill('High, Low');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByRole('link', { name: '← Workshop' }).click();
    await page.getByRole('columnheader', { name: 'Energy' }).waitFor();

    await blockAction(page, 'Retro', 'Edit');
    const sheet = page.getByRole('dialog', { name: 'Edit block' });
    await sheet.getByLabel('Energy').selectOption('High');
    await sheet.getByRole('button', { name: 'Save', exact: true }).click();
    await sheet.waitFor({ state: 'hidden' });
    await row(page, 'Retro').filter({ hasText: 'High' }).waitFor();
    await page.getByRole('link', { name: 'Design', exact: true }).click();
    await page.locator('.block-card', { hasText: 'Retro' }).getByText('Energy:').waitFor();
    await context.close();
  });
});
