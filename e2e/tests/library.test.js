// The library in the browser: a Russian search with another word form, a duration filter,
// a method inserted into a session, a block saved as a method, published, approved by an
// administrator and found by another user, and a session started from a design.
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

/** A new signed-in English page for a new account. */
async function person(name) {
  const context = await newContext(browser, { locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const email = uniqueEmail(name);
  await page.goto(`${server.url}/register`);
  await page.getByLabel('First name', { exact: true }).fill(name);
  await page.getByLabel('Last name', { exact: true }).fill('Tester');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
  await page.getByLabel('I consent to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.waitForURL(`${server.url}/`);
  return { context, page, email };
}

/** A session with one 10-minute block, "Opening"; the page is left on its Programme. */
async function sessionWithOpening(page) {
  await page.getByLabel('Title', { exact: true }).fill('Team day');
  await page.getByLabel('First day').fill('2026-12-01');
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(/\/sessions\//);
  await page.getByLabel('Title', { exact: true }).fill('Opening');
  await page.getByLabel('Duration in minutes').fill('10');
  await page.getByRole('button', { name: 'Add block' }).click();
  await page.waitForLoadState();
}

const minutesOf = (text) => {
  const m = /(\d+)–(\d+) min/.exec(text);
  assert.ok(m, `a duration range in ${text}`);
  return [Number(m[1]), Number(m[2])];
};

describe('Library', () => {
  it('finds a method by another Russian word form, filters by duration and inserts methods into a session', { timeout: 120_000 }, async () => {
    const { context, page } = await person('Searcher');
    await sessionWithOpening(page);
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.locator('#language').selectOption('ru');
    // The text says «Ретроспектива»; the search says «ретроспективу».
    await page.getByLabel('Search', { exact: true }).fill('ретроспективу');
    await page.locator('#method-results mark').first().waitFor();
    await page.locator('#method-results').getByRole('link', { name: 'Ретроспектива «Морская звезда»' }).click();
    await page.getByRole('heading', { name: 'Ретроспектива «Морская звезда»', level: 1 }).waitFor();
    await page.getByLabel('Add to the end of a session').selectOption({ label: 'Team day' });
    await page.getByRole('button', { name: 'Insert', exact: true }).click();
    await page.waitForURL(/notice=method-inserted/);
    let titles = await page.locator('#editor tbody tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    assert.deepEqual(titles, ['Opening', 'Ретроспектива «Морская звезда»']);

    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByLabel('Minutes from').fill('60');
    await page.getByLabel('Minutes to').fill('90');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // Every card shown fits 60 to 90 minutes once the last search has landed.
    await page.waitForFunction(() => {
      const facts = [...document.querySelectorAll('#method-results .method-card .muted.small')].map((e) => e.textContent);
      return facts.length > 0 && facts.every((f) => {
        const m = /(\d+)–(\d+) min/.exec(f ?? '');
        return m && Number(m[1]) <= 90 && Number(m[2]) >= 60;
      });
    });
    for (const f of await page.locator('#method-results .method-card .muted.small').allInnerTexts()) {
      const [lo, hi] = minutesOf(f);
      assert.ok(lo <= 90 && hi >= 60, f);
    }

    // From the library panel beside the Programme, after the selected block.
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Team day' }).first().click();
    await page.locator('#editor tr[data-title="Opening"] td.time').click();
    await page.getByRole('link', { name: 'Add from the library', exact: true }).click();
    await page.locator('#panel-q').fill('dot voting');
    await page.locator('#library-panel .panel-method mark').first().waitFor();
    await page.getByRole('button', { name: 'Add “Dot voting” to the plan' }).click();
    await page.getByRole('status').filter({ hasText: 'Dot voting added.' }).waitFor();
    titles = await page.locator('#editor tbody tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    assert.deepEqual(titles, ['Opening', 'Dot voting', 'Ретроспектива «Морская звезда»']);
    await page.locator('#editor tr[data-title="Dot voting"] details.more > summary').click();
    await page.locator('#editor').getByRole('link', { name: 'From the library' }).first().waitFor();
    await context.close();
  });

  it('saves a block as a method, publishes it after an administrator approves, and another user finds it', { timeout: 120_000 }, async () => {
    const author = await person('Author');
    await sessionWithOpening(author.page);
    await blockAction(author.page, 'Opening', 'Edit');
    await author.page.getByRole('dialog').getByRole('link', { name: /All of the block's options/ }).click();
    await author.page.getByRole('button', { name: 'Save as a method' }).click();
    await author.page.waitForURL(/\/library\/methods\/.+\/edit/);
    const title = `Story circle ${Date.now()}`;
    await author.page.getByLabel('Title', { exact: true }).fill(title);
    await author.page.getByLabel('Steps').fill('Sit in a circle.\nEach person tells a short story.');
    await author.page.getByRole('button', { name: 'Save', exact: true }).click();
    await author.page.getByRole('heading', { name: title }).waitFor();
    await author.page.getByRole('button', { name: 'Ask to publish' }).click();
    await author.page.getByText('Sent for review.').waitFor();

    const admin = await person('Admin');
    server.cli(['admin', 'create-user', '--email', admin.email, '--admin']);
    await admin.page.goto(`${server.url}/admin/moderation`);
    await admin.page.getByRole('button', { name: `Approve “${title}”` }).click();
    await admin.page.getByText('Approved and published.').waitFor();

    const reader = await person('Reader');
    await reader.page.goto(`${server.url}/library`);
    await reader.page.getByLabel('Search', { exact: true }).fill('story circle');
    await reader.page.getByRole('link', { name: title }).waitFor();

    await author.page.goto(`${server.url}/library`);
    await author.page.getByRole('link', { name: /Notifications 1/ }).click();
    await author.page.getByText(`“${title}” is now in the public library.`).waitFor();
    await Promise.all([author.context.close(), admin.context.close(), reader.context.close()]);
  });

  it('starts a session from a starter design', { timeout: 120_000 }, async () => {
    const { context, page } = await person('Designer');
    await page.getByRole('link', { name: 'Library', exact: true }).click();
    await page.getByRole('link', { name: 'Designs', exact: true }).click();
    await page.getByRole('link', { name: 'Team retrospective in 90 minutes' }).click();
    const preview = await page.locator('table.programme tbody tr').count();
    assert.ok(preview >= 6, `a preview of ${preview} blocks`);
    await page.getByLabel('First day').fill('2027-03-01');
    await page.getByRole('button', { name: 'Start a session' }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/);
    await page.getByRole('heading', { name: 'Team retrospective in 90 minutes', level: 1 }).waitFor();
    assert.equal(await page.locator('#editor tbody tr[data-block]').count(), preview);
    await context.close();
  });
});
