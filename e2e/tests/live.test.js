// Live co-editing in two browsers: one person adds, moves and edits blocks and the other sees
// it without reloading; who is here and what they edit shows; a commenter reads live but has
// no editing controls. Then the same edit with the two browsers on two server processes that
// share one PostgreSQL database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { acceptByLink, blockAction, confirmEmail, freshSchemaUrl, invite, launchBrowser, newContext, registerPerson, startServer, startSmtp } from '../lib/harness.js';

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

/** A session with three activities made by `owner`; resolves with its path. */
async function sessionWithBlocks(owner) {
  const { page } = owner;
  await page.getByLabel('Title', { exact: true }).fill('Team day');
  await page.getByLabel('First day').fill('2026-12-01');
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
  for (const [title, minutes] of [['Check-in', '15'], ['Ideas', '45'], ['Wrap-up', '10']]) {
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Activity' });
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Duration in minutes').fill(minutes);
    await page.getByRole('button', { name: 'Add block' }).click();
    await page.waitForLoadState();
  }
  return new URL(page.url()).pathname;
}

/** The owner invites `who` with a role from the share page; `who` accepts by the emailed link. */
async function share(owner, path, who, role) {
  await invite(owner, path, who, role);
  await acceptByLink(who, smtp);
}

const titles = (page) => page.locator('#editor tbody tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));

/** Marks the page so a reload would show: the mark lives only as long as the document. */
async function mark(page) {
  await page.evaluate(() => { /** @type {any} */ (window).__sameDocument = true; });
}

async function stillSameDocument(page) {
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__sameDocument), true, 'the page was not reloaded');
}

/** Waits until the live channel says it is connected. */
async function live(page) {
  await page.locator('[data-live-status]').filter({ hasText: 'Live:' }).waitFor();
}

describe('Live co-editing', () => {
  it('shows one person\'s adds, moves and edits to the other at once, with presence, and keeps a commenter read-only', { timeout: 180_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const bob = await registerPerson(browser, server.url, 'Bob');
    const cat = await registerPerson(browser, server.url, 'Cat');
    const path = await sessionWithBlocks(ann);
    // Bob has confirmed his address: the invitation waits for him under Notifications.
    await confirmEmail(bob, smtp);
    await invite(ann, path, bob, 'Editor');
    await bob.page.goto(`${server.url}/notifications`);
    await bob.page.getByText(`invites you to the session “Team day” as Editor.`).waitFor();
    await bob.page.getByRole('button', { name: 'Accept', exact: true }).click();
    await bob.page.getByText('Invitation accepted').waitFor();
    await share(ann, path, cat, 'Commenter');

    await ann.page.goto(`${server.url}${path}`);
    await bob.page.goto(`${server.url}${path}`);
    await live(ann.page);
    await live(bob.page);
    await mark(bob.page);

    // Presence: each sees both avatars.
    await ann.page.locator('[data-people] li[title="Bob Tester"]').waitFor();
    await bob.page.locator('[data-people] li[title="Ann Tester"]').waitFor();

    // Ann edits a title in place; Bob sees it.
    const annRow = (title) => ann.page.locator(`#editor tr[data-title="${title}"]`);
    await annRow('Ideas').getByRole('button', { name: 'Ideas', exact: true }).click();
    await annRow('Ideas').locator('input.inline-input').fill('Brainwriting');
    await annRow('Ideas').locator('input.inline-input').press('Enter');
    await bob.page.locator('#editor tr[data-title="Brainwriting"]').waitFor();

    // Ann adds a block after Check-in; Bob sees it in place.
    await blockAction(ann.page, 'Check-in', 'Add after');
    await ann.page.locator('#editor input.inline-input').press('Escape');
    await bob.page.locator('#editor tr[data-title="New activity"]').waitFor();
    assert.deepEqual(await titles(bob.page), ['Check-in', 'New activity', 'Brainwriting', 'Wrap-up']);

    // Ann moves Wrap-up up with the keyboard; Bob sees the new order.
    await ann.page.getByRole('button', { name: 'Move “Wrap-up”', exact: true }).focus();
    await ann.page.keyboard.press('ArrowUp');
    await bob.page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('#editor tbody tr[data-block]')].map((r) => /** @type {HTMLElement} */ (r).dataset.title);
      return rows.join('|') === 'Check-in|New activity|Wrap-up|Brainwriting';
    });
    await stillSameDocument(bob.page);

    // Bob has a block's menu open, an item reached by the arrow keys, when Ann's change
    // redraws his view: the menu stays open, the focus on that item.
    await bob.page.locator('#editor tr[data-title="Brainwriting"] details.row-menu > summary').click();
    const bobMenu = bob.page.getByRole('menu', { name: 'Actions for “Brainwriting”' });
    await bobMenu.waitFor();
    await bob.page.keyboard.press('ArrowDown');
    await bob.page.keyboard.press('ArrowDown');
    const focusedItem = () => bob.page.evaluate(() => document.activeElement?.querySelector('span')?.textContent);
    assert.equal(await focusedItem(), 'Add after');
    await annRow('Check-in').getByRole('button', { name: 'Check-in', exact: true }).click();
    await annRow('Check-in').locator('input.inline-input').fill('Arrivals');
    await annRow('Check-in').locator('input.inline-input').press('Enter');
    await bob.page.locator('#editor tr[data-title="Arrivals"]').waitFor();
    assert.ok(await bobMenu.isVisible(), 'the menu is still open');
    assert.equal(await focusedItem(), 'Add after');
    await bob.page.keyboard.press('Escape');
    await bobMenu.waitFor({ state: 'hidden' });

    // Bob starts editing a title: Ann sees whom on which block.
    await bob.page.locator('#editor tr[data-title="Arrivals"]').getByRole('button', { name: 'Arrivals', exact: true }).click();
    await annRow('Arrivals').getByText('Bob Tester is editing this').waitFor();
    await bob.page.locator('#editor input.inline-input').press('Escape');
    await ann.page.locator('[data-editing]').waitFor({ state: 'detached' });

    // The commenter reads live but cannot edit.
    await cat.page.goto(`${server.url}${path}`);
    await live(cat.page);
    assert.equal(await cat.page.locator('#editor[data-readonly]').count(), 1);
    assert.equal(await cat.page.getByRole('button', { name: 'Add block' }).count(), 0);
    assert.equal(await cat.page.locator('#editor [role="button"].editable').count(), 0);
    await cat.page.locator('#editor tr[data-title="Arrivals"]').getByText('Arrivals').click();
    assert.equal(await cat.page.locator('#editor input.inline-input').count(), 0, 'no field opens for a commenter');
    await mark(cat.page);
    await annRow('Wrap-up').getByRole('button', { name: 'Wrap-up', exact: true }).click();
    await annRow('Wrap-up').locator('input.inline-input').fill('Closing round');
    await annRow('Wrap-up').locator('input.inline-input').press('Enter');
    await cat.page.locator('#editor tr[data-title="Closing round"]').waitFor();
    await stillSameDocument(cat.page);

    for (const p of [ann, bob, cat]) await p.context.close();
  });

  it('opens a public link in a signed-out browser without facilitator notes, and a revoked link is a 404', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const path = await sessionWithBlocks(ann);
    await ann.page.goto(`${server.url}${path}/share`);
    await ann.page.getByLabel('Link works for').selectOption({ label: '7 days' });
    await ann.page.getByRole('button', { name: 'Create a link' }).click();
    const link = await ann.page.getByLabel('The new link (shown only now; copy it)').inputValue();
    assert.match(link, /\/p\/[A-Za-z0-9_-]+$/);

    const visitor = await newContext(browser, { locale: 'en-US' });
    const page = await visitor.newPage();
    const res = await page.goto(link);
    assert.equal(res?.status(), 200);
    await page.getByRole('heading', { name: 'Team day' }).waitFor();
    await page.getByText('Brainwriting').or(page.getByText('Ideas')).first().waitFor();
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex, nofollow');
    assert.equal(await page.locator('.facilitator-notes').count(), 0);

    await ann.page.goto(`${server.url}${path}/share`);
    await ann.page.getByRole('button', { name: /^Revoke the link/ }).click();
    await ann.page.getByText('Link revoked').waitFor();
    const gone = await page.goto(link);
    assert.equal(gone?.status(), 404);
    await visitor.close();
    await ann.context.close();
  });

  it('carries an edit between two server processes on one PostgreSQL database', { timeout: 180_000 }, async () => {
    const base = process.env.PLENARY_E2E_POSTGRES;
    assert.ok(base, 'PLENARY_E2E_POSTGRES names the PostgreSQL database for this test (scripts/test sets it)');
    const databaseUrl = freshSchemaUrl(base);
    const one = await startServer({ smtpPort: smtp.port, databaseUrl });
    const two = await startServer({ smtpPort: smtp.port, databaseUrl });
    try {
      const ann = await registerPerson(browser, one.url, 'Ann');
      const bob = await registerPerson(browser, two.url, 'Bob');
      const path = await sessionWithBlocks(ann);
      await share(ann, path, bob, 'Editor');
      await ann.page.goto(`${one.url}${path}`);
      await bob.page.goto(`${two.url}${path}`);
      await live(ann.page);
      await live(bob.page);
      await mark(bob.page);
      await bob.page.locator('[data-people] li[title="Ann Tester"]').waitFor();

      const annRow = (title) => ann.page.locator(`#editor tr[data-title="${title}"]`);
      await annRow('Ideas').getByRole('button', { name: 'Ideas', exact: true }).click();
      await annRow('Ideas').locator('input.inline-input').fill('Across instances');
      await annRow('Ideas').locator('input.inline-input').press('Enter');
      await bob.page.locator('#editor tr[data-title="Across instances"]').waitFor();

      const bobRow = (title) => bob.page.locator(`#editor tr[data-title="${title}"]`);
      await bobRow('Check-in').getByRole('button', { name: '15 min' }).click();
      await bobRow('Check-in').locator('input.inline-input').fill('20');
      await bobRow('Check-in').locator('input.inline-input').press('Enter');
      await annRow('Check-in').getByRole('button', { name: '20 min' }).waitFor();
      await stillSameDocument(bob.page);
      for (const p of [ann, bob]) await p.context.close();
    } finally {
      await one.stop();
      await two.stop();
    }
  });
});
