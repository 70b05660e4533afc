// Layout and the Programme's keyboard: no page scrolls sideways at a phone's, a tablet's or a
// laptop's width in either language; a phone shows the first block at once; a session from a
// starter design stays short with its details collapsed; the Programme is one Tab stop with
// arrow keys inside; a refused edit keeps what was typed; a viewer gets no editing control.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { acceptByLink, blockAction, invite, launchBrowser, registerPerson, startServer, startSmtp } from '../lib/harness.js';

let smtp;
let server;
let browser;
/** The owner of a session started from the Strategy day design, and its paths. */
let owner;
let session;
let participant;
let sandbox;
let console_; // the owner's workspace on the billing console

const SIZES = [[360, 740], [768, 1024], [1366, 768]];

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpPort: smtp.port });
  browser = await launchBrowser();
  owner = await registerPerson(browser, server.url, 'Olga');
  const page = owner.page;
  await page.goto(`${server.url}/library/designs`);
  await page.getByRole('link', { name: 'Strategy day' }).first().click();
  await page.getByRole('button', { name: 'Start a session' }).click();
  await page.waitForURL(/\/sessions\/[^/]+$/);
  session = new URL(page.url()).pathname;
  await page.goto(`${server.url}${session}/share`);
  await page.getByRole('button', { name: 'Create a link' }).click();
  participant = new URL(await page.locator('#new-link').inputValue()).pathname;
  // A payment begun and left on the sandbox's page.
  await page.goto(`${server.url}/billing/checkout?plan=pro&period=month`);
  await page.locator('#consent').check();
  await page.locator('form[action="/billing/checkout"] button[type=submit]').click();
  await page.waitForURL(/\/sandbox\/pay\//);
  sandbox = new URL(page.url()).pathname;
  // The owner is an administrator too, for the billing console's pages.
  server.cli(['admin', 'create-user', '--email', owner.email, '--admin']);
  await page.goto(`${server.url}/admin/billing?q=${encodeURIComponent(owner.email)}`);
  console_ = new URL(await page.locator('li.card h3 a').first().getAttribute('href'), server.url).pathname;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** A page at a given size that shares the owner's sign-in; `touch` makes it a phone with a touch screen. */
async function sized(width, height, cookies, touch = false) {
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: touch, isMobile: touch });
  await context.addCookies(cookies);
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

describe('Layout', () => {
  it('no page scrolls sideways at 360, 768 and 1366 px, in English and Russian', { timeout: 240_000 }, async () => {
    const paths = ['/', session, `${session}/design`, '/library', `${session}/settings`, `${session}/print`, participant, '/pricing', '/billing', '/billing/sessions', '/billing/checkout?plan=pro&period=month', sandbox, '/admin/billing', console_];
    const wide = [];
    for (const lang of ['English', 'Русский']) {
      await owner.page.goto(`${server.url}/`);
      await owner.page.getByRole('button', { name: lang }).click();
      await owner.page.waitForLoadState();
      const cookies = await owner.context.cookies();
      for (const [w, h] of SIZES) {
        const { context, page } = await sized(w, h, cookies);
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await page.waitForLoadState('networkidle');
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > w) wide.push(`${path} in ${lang} at ${w}px is ${width}px wide`);
        }
        await context.close();
      }
    }
    await owner.page.getByRole('button', { name: 'English' }).click();
    assert.deepEqual(wide, []);
  });

  it('a phone shows the first block on its first screen and the block cards fit the screen', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(360, 740, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    const first = await page.locator('#editor tr[data-block]').first().boundingBox();
    assert.ok(first && first.y + 40 < 740, `the first block starts at ${first?.y}px`);
    // Every card's handle and menu are on the screen.
    const off = await page.locator('#editor tr[data-block]').evaluateAll((rows) => rows.filter((r) => {
      const box = r.getBoundingClientRect();
      return box.left < 0 || box.right > window.innerWidth;
    }).length);
    assert.equal(off, 0);
    await context.close();
  });

  it('the 16 blocks of the Strategy day fit 2,500 px at 1366 × 768 with their details collapsed', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    assert.equal(await page.locator('#editor tr[data-block]').count(), 16);
    assert.equal(await page.locator('#editor details.more[open]').count(), 0, 'details start collapsed');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 2500, `the page is ${height}px tall`);
    // All details opens every block's details, and stays so after a redraw.
    await page.getByRole('button', { name: 'All details' }).click();
    assert.equal(await page.locator('#editor details.more:not([open]):visible').count(), 0);
    await page.locator('#editor tr[data-block]').nth(1).locator('td.duration .editable').click();
    await page.locator('#editor input.inline-input').fill('25');
    await page.locator('#editor input.inline-input').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await page.locator('#editor details.more:not([open]):visible').count(), 0);
    await page.getByRole('button', { name: 'All details' }).click();
    assert.equal(await page.locator('#editor details.more[open]').count(), 0);
    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    await context.close();
  });

  it('the Programme is one Tab stop with arrow keys, Enter and Escape inside, and ? lists the shortcuts', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    await page.locator('[data-shortcuts]').focus();
    await page.keyboard.press('Tab');
    const inGrid = () => page.evaluate(() => {
      const el = document.activeElement;
      return { cell: el?.tagName, grid: Boolean(el?.closest('table[role="grid"]')), text: el?.textContent?.trim() ?? '' };
    });
    let at = await inGrid();
    assert.ok(at.grid && ['TD', 'TH'].includes(at.cell), `Tab enters the grid at a cell: ${JSON.stringify(at)}`);
    await page.keyboard.press('Tab');
    at = await inGrid();
    assert.equal(at.grid, false, 'the next Tab leaves the Programme');
    await page.keyboard.press('Shift+Tab');
    assert.ok((await inGrid()).grid, 'Shift+Tab comes back to the same cell');

    // Down to the first activity, right to its duration, Enter edits it, Escape cancels.
    const welcome = page.locator('#editor tr[data-block]').nth(1);
    await welcome.locator('td.time').click();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'duration');
    await page.keyboard.press('Enter');
    await welcome.locator('input.inline-input').waitFor();
    await page.keyboard.press('Escape');
    await welcome.locator('input.inline-input').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'duration', 'focus goes back to the cell');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.title), 'Timeline of the past year: highs, lows, turning points');
    // Space opens the block's details; ? shows every shortcut.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press(' ');
    assert.equal(await page.locator('#editor tr[data-block]').nth(2).locator('details.more[open]').count(), 1);
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
    await context.close();
  });

  it('a refused edit in place keeps the typed value and says why until it is fixed or cancelled', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    const row = page.locator('#editor tr[data-block]').nth(1);
    await row.locator('td.duration .editable').click();
    const input = row.locator('input.inline-input');
    await input.fill('5000');
    await input.press('Enter');
    const reason = row.locator('.inline-error');
    await reason.filter({ hasText: 'A duration is from 0 to 1440 minutes.' }).waitFor();
    await page.waitForTimeout(800);
    assert.equal(await input.inputValue(), '5000', 'the typed value stays');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await reason.isVisible(), true, 'the reason stays');
    // A refused value the server checks: a title too long is cut by the input, so try a
    // character it refuses.
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    assert.match(await row.locator('td.duration').innerText(), /20 min/);
    await row.locator('td.title .editable').click();
    await row.locator('input.inline-input').fill('Bad\u0007title');
    await row.locator('input.inline-input').press('Enter');
    await row.locator('.inline-error').filter({ hasText: 'special characters' }).waitFor();
    assert.equal(await row.locator('input.inline-input').inputValue(), 'Bad\u0007title');
    // Fixed, it is taken.
    await row.locator('input.inline-input').fill('Welcome');
    await row.locator('input.inline-input').press('Enter');
    await page.locator('#editor tr[data-title="Welcome"]').waitFor();
    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    await context.close();
  });

  it('on a phone Edit opens the block in a sheet that keeps refused values with the reason, and saves', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(360, 740, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    const title = await page.locator('#editor tr[data-block]').nth(1).getAttribute('data-title');
    await blockAction(page, title, 'Edit');
    const sheet = page.getByRole('dialog', { name: 'Edit block' });
    await sheet.waitFor();
    assert.equal(new URL(page.url()).pathname, session, 'the Programme stays underneath');
    const box = await sheet.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `the sheet spans ${box?.x}–${(box?.x ?? 0) + (box?.width ?? 0)}px`);
    // The browser holds back a duration out of range, and the sheet stays open with it.
    const minutes = sheet.getByLabel('Duration in minutes');
    await minutes.fill('5000');
    await sheet.getByRole('button', { name: 'Save', exact: true }).click();
    assert.equal(await minutes.evaluate((el) => el instanceof HTMLInputElement && el.validity.rangeOverflow), true);
    assert.equal(await sheet.isVisible(), true);
    // The server refuses a title with a control character: the sheet shows why and keeps both.
    await sheet.getByLabel('Title', { exact: true }).fill('Bad\u0007title');
    await minutes.fill('35');
    await sheet.getByRole('button', { name: 'Save', exact: true }).click();
    await sheet.getByRole('alert').filter({ hasText: 'special characters' }).waitFor();
    assert.equal(await sheet.getByLabel('Title', { exact: true }).inputValue(), 'Bad\u0007title', 'the typed title stays');
    assert.equal(await sheet.getByLabel('Duration in minutes').inputValue(), '35', 'the typed duration stays');
    await sheet.getByLabel('Title', { exact: true }).fill(title);
    await sheet.getByRole('button', { name: 'Save', exact: true }).click();
    await sheet.waitFor({ state: 'hidden' });
    await page.locator(`#editor tr[data-title="${title}"]`).filter({ hasText: '35 min' }).waitFor();
    // Put it back, so the other tests see the design's times.
    await blockAction(page, title, 'Edit');
    await sheet.getByLabel('Duration in minutes').fill('20');
    await sheet.getByRole('button', { name: 'Save', exact: true }).click();
    await sheet.waitFor({ state: 'hidden' });
    await context.close();
  });

  it('a viewer sees the Programme and the Design without any editing control', { timeout: 120_000 }, async () => {
    const viewer = await registerPerson(browser, server.url, 'Vera');
    await invite(owner, session, viewer, 'Viewer');
    await acceptByLink(viewer, smtp);
    for (const path of [session, `${session}/design`]) {
      await viewer.page.goto(`${server.url}${path}`);
      await viewer.page.locator('#editor[data-enhanced]').waitFor();
      const controls = await viewer.page.evaluate(() => {
        const editor = document.getElementById('editor');
        const visible = (el) => el instanceof HTMLElement && el.offsetParent !== null;
        return [...editor.querySelectorAll('button, input, select, textarea, [role="button"], details.row-menu, [data-drag], [data-add], form')]
          .filter(visible)
          .filter((el) => !el.matches('[data-collapse], [data-expand-all], .save-design, .save-design *'))
          .map((el) => el.outerHTML.slice(0, 80));
      });
      assert.deepEqual(controls, [], `${path} shows no editing control`);
      assert.equal(await viewer.page.getByRole('button', { name: 'Undo' }).count(), 0);
      assert.equal(await viewer.page.getByText('Click a title').count(), 0);
    }
    await viewer.context.close();
  });

  it('on a touch screen a block is dragged by its handle with a finger, the page scrolls at the edge, and it lands where it is let go', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(360, 740, await owner.context.cookies(), true);
    await page.goto(`${server.url}${session}`);
    await page.locator('#editor[data-enhanced]').waitFor();
    const activities = page.locator('#editor tr[data-block][data-kind="activity"]');
    const titles = () => activities.evaluateAll((rows) => rows.map((r) => r.dataset.title));
    const before = await titles();
    const from = await activities.first().locator('[data-drag]').boundingBox();
    assert.ok(from, 'the first handle is on the screen');
    const below = await activities.nth(2).boundingBox();
    assert.ok(below && below.y > 740, 'the third activity starts below the first screen');
    // A finger: touch events through the DevTools protocol, which the page sees as touch pointers.
    const cdp = await context.newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const x = from.x + from.width / 2;
    let y = from.y + from.height / 2;
    await touch('touchStart', x, y);
    for (; y < 735; y += 40) await touch('touchMove', x, y);
    await touch('touchMove', x, 735);
    // Held at the bottom edge, the page scrolls until the third activity is on the screen.
    await page.waitForFunction(() => {
      const third = document.querySelectorAll('#editor tr[data-block][data-kind="activity"]')[2];
      return third && third.getBoundingClientRect().bottom < innerHeight - 100;
    });
    // Away from the edge the page stands still, and the finger goes to the third activity's bottom.
    await touch('touchMove', x, 370);
    const to = await activities.nth(2).boundingBox();
    assert.ok(to);
    await touch('touchMove', x, to.y + to.height - 8);
    await page.locator('#editor .drop-after').waitFor();
    await touch('touchEnd', x, to.y + to.height - 8);
    await page.getByRole('status').filter({ hasText: 'moved to position' }).waitFor();
    assert.deepEqual(await titles(), [before[1], before[2], before[0], ...before.slice(3)]);
    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    assert.deepEqual(await titles(), before);
    await context.close();
  });

  it('the Design answers N, E and Delete on a card, and ? lists what it answers', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    await page.goto(`${server.url}${session}/design`);
    await page.locator('#editor[data-enhanced]').waitFor();
    await page.locator('body').press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText("On a card's handle: move the card up or down").waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    const cards = page.locator('#editor .block-card');
    const count = await cards.count();
    // N on a card adds one after it and opens its title; Escape keeps the default title.
    await cards.first().locator('[data-drag]').focus();
    await page.keyboard.press('n');
    const named = cards.nth(1).locator('input.inline-input');
    await named.waitFor();
    await named.press('Escape');
    await named.waitFor({ state: 'detached' });
    assert.equal(await cards.count(), count + 1);
    // E opens the card's form in the sheet.
    await cards.nth(1).locator('[data-drag]').focus();
    await page.keyboard.press('e');
    const sheet = page.getByRole('dialog', { name: 'Edit block' });
    await sheet.waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    // Delete takes the new card away again.
    await cards.nth(1).locator('[data-drag]').focus();
    await page.keyboard.press('Delete');
    await page.getByRole('status').filter({ hasText: 'deleted.' }).waitFor();
    assert.equal(await cards.count(), count);
    await context.close();
  });

  it('a block moves up from its menu and the menu closes with Escape', { timeout: 60_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    const titles = () => page.locator('#editor tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    const before = await titles();
    await blockAction(page, before[2], 'Move up');
    await page.getByRole('status').filter({ hasText: `${before[2]} moved to position 2.` }).waitFor();
    assert.deepEqual((await titles()).slice(0, 3), [before[0], before[2], before[1]]);
    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    await page.locator(`#editor tr[data-title="${before[1]}"] details.row-menu > summary`).click();
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await context.close();
  });

  it('drags a method from the library panel into the Programme, and adds one after the selected block', { timeout: 90_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    await page.goto(`${server.url}${session}`);
    const titles = () => page.locator('#editor tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    const before = await titles();
    await page.getByRole('link', { name: 'Add from the library', exact: true }).click();
    await page.getByRole('complementary', { name: 'Library' }).waitFor();
    await page.locator('#panel-q').fill('dot voting');
    await page.locator('#library-panel .panel-method mark').first().waitFor();
    const method = page.locator('#library-panel [data-method][data-title="Dot voting"]');
    await method.scrollIntoViewIfNeeded();
    // Dropped on the upper half of the third block, it lands before it.
    const grip = await method.locator('[data-drag-method]').boundingBox();
    const target = await page.locator('#editor tr[data-block]').nth(2).boundingBox();
    assert.ok(grip && target);
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 3, target.y + 8, { steps: 15 });
    await page.locator('#editor tr.drop-before').waitFor();
    await page.mouse.up();
    await page.getByRole('status').filter({ hasText: 'Dot voting added.' }).waitFor();
    assert.deepEqual((await titles()).slice(0, 4), [before[0], before[1], 'Dot voting', before[2]]);
    // Undo takes it out again.
    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    assert.deepEqual(await titles(), before);
    // With a block selected, a method's + puts it right after that block.
    await page.locator('#editor tr[data-block]').nth(4).locator('td.time').click();
    await page.getByRole('button', { name: 'Add “Dot voting” to the plan' }).click();
    await page.getByRole('status').filter({ hasText: 'Dot voting added.' }).waitFor();
    assert.equal((await titles())[5], 'Dot voting');
    await page.locator('body').press('Control+Z');
    await page.getByRole('status').filter({ hasText: 'Undone.' }).waitFor();
    await context.close();
  });

  it('the Design edits a card in place, adds a card, takes a method from the library and fills an empty section', { timeout: 120_000 }, async () => {
    const { context, page } = await sized(1366, 768, await owner.context.cookies());
    // An empty section at the end, made in the Programme.
    await page.goto(`${server.url}${session}`);
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Section' });
    await page.getByLabel('Title', { exact: true }).fill('Parking lot');
    await page.getByRole('button', { name: 'Add block', exact: true }).click();
    await page.waitForLoadState();
    await page.getByRole('link', { name: 'Design', exact: true }).click();
    await page.waitForURL(/\/design/);
    const groups = page.locator('#editor .board-group');

    // A card's title, in place.
    const first = page.locator('#editor .block-card').first();
    const title = await first.getAttribute('data-title');
    await first.locator('.card-title').click();
    await first.locator('input.inline-input').fill('Welcome round');
    await first.locator('input.inline-input').press('Enter');
    await page.locator('#editor .block-card[data-title="Welcome round"]').waitFor();

    // A new card at the end of the first section, named as it is made.
    await groups.first().getByRole('button', { name: 'Add an activity' }).click();
    await page.locator('#editor .block-card input.inline-input').fill('Quick poll');
    await page.locator('#editor .block-card input.inline-input').press('Enter');
    await groups.first().locator('.block-card').last().filter({ hasText: 'Quick poll' }).waitFor();

    // A method dragged onto the top of the third section's first card lands first in it.
    await page.getByRole('link', { name: 'Add from the library', exact: true }).click();
    await page.locator('#panel-q').fill('dot voting');
    await page.locator('#library-panel .panel-method mark').first().waitFor();
    const method = page.locator('#library-panel [data-method][data-title="Dot voting"]');
    await method.scrollIntoViewIfNeeded();
    const third = groups.nth(2).locator('.block-card').first();
    await third.scrollIntoViewIfNeeded();
    const grip = await method.locator('[data-drag-method]').boundingBox();
    const target = await third.boundingBox();
    assert.ok(grip && target);
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + 10, { steps: 15 });
    await page.mouse.up();
    await page.getByRole('status').filter({ hasText: 'Dot voting added.' }).waitFor();
    await groups.nth(2).locator('.block-card').first().filter({ hasText: 'Dot voting' }).waitFor();
    await page.locator('[data-close-library]').click();

    // The empty section offers a place to drop; a card dragged there moves into it.
    const empty = groups.last().locator('[data-drop-after]');
    await empty.scrollIntoViewIfNeeded();
    const handle = groups.nth(2).locator('.block-card').first().locator('[data-drag]');
    await handle.scrollIntoViewIfNeeded();
    const from = await handle.boundingBox();
    const to = await empty.boundingBox();
    assert.ok(from && to);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await page.locator('#editor .drop-into').waitFor();
    await page.mouse.up();
    await groups.last().locator('.block-card').filter({ hasText: 'Dot voting' }).waitFor();

    // Undoing the move, the method, the new card's name and the new card, then the first
    // card's new title, brings that title back.
    for (let i = 0; i < 5; i += 1) {
      await page.locator('body').press('Control+Z');
      const status = page.getByRole('status').filter({ hasText: 'Undone.' });
      await status.waitFor();
      await status.evaluate((el) => { el.textContent = ''; });
    }
    await page.locator(`#editor .block-card[data-title="${title}"]`).waitFor();
    await context.close();
  });
});
