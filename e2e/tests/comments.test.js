// Comments in the browser: a commenter writes about a block and mentions the owner, who is
// told; the block shows its open comment; the commenter has no editing controls.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { acceptByLink, invite, launchBrowser, registerPerson, startServer, startSmtp } from '../lib/harness.js';

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

describe('Comments', () => {
  it('lets a commenter comment on a block and mention the owner, who is notified', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const cat = await registerPerson(browser, server.url, 'Cat');
    await ann.page.getByLabel('Title', { exact: true }).fill('Offsite');
    await ann.page.getByRole('button', { name: 'Create session' }).click();
    await ann.page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    const path = new URL(ann.page.url()).pathname;
    await ann.page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Activity' });
    await ann.page.getByLabel('Title', { exact: true }).fill('Fishbowl');
    await ann.page.getByLabel('Duration in minutes').fill('40');
    await ann.page.getByRole('button', { name: 'Add block' }).click();
    await invite(ann, path, cat, 'Commenter');
    await acceptByLink(cat, smtp);

    await cat.page.goto(`${server.url}${path}`);
    assert.equal(await cat.page.getByRole('button', { name: 'Add block' }).count(), 0, 'a commenter does not edit');
    await cat.page.getByRole('link', { name: 'Comments', exact: true }).click();
    await cat.page.getByLabel('What it is about').selectOption({ label: 'Fishbowl' });
    await cat.page.getByLabel('Comment', { exact: true }).fill('@Ann Tester forty minutes feels long for a fishbowl');
    await cat.page.getByRole('button', { name: 'Post comment' }).click();
    await cat.page.getByText('Comment posted.').waitFor();

    await ann.page.goto(`${server.url}${path}`);
    // The row counts it, and its details link to it.
    await ann.page.locator('#editor tr[data-title="Fishbowl"] .title-line .chip[title="1 open comment"]').waitFor();
    await ann.page.locator('#editor tr[data-title="Fishbowl"] details.more > summary').click();
    await ann.page.getByRole('link', { name: '1 open comment' }).waitFor();
    await ann.page.goto(`${server.url}/notifications`);
    await ann.page.getByRole('link', { name: 'Cat Tester mentioned you in a comment on “Offsite”.' }).click();
    await ann.page.getByText('forty minutes feels long').waitFor();
    await ann.page.getByRole('button', { name: 'Resolve' }).click();
    await ann.page.getByText('Resolved.', { exact: true }).waitFor();
    await ann.page.goto(`${server.url}${path}`);
    assert.equal(await ann.page.locator('#editor tr[data-title="Fishbowl"]').getByText(/open comment/).count(), 0);
    await ann.context.close();
    await cat.context.close();
  });
});
