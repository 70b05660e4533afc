// Comments in the browser: a commenter writes about a block and mentions the owner, who is
// told; the block shows its open comment; the commenter has no editing controls.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { launchBrowser, startServer, startSmtp, uniqueEmail } from '../lib/harness.js';

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

async function person(first) {
  const context = await browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const email = uniqueEmail(first.toLowerCase());
  await page.goto(`${server.url}/register`);
  await page.getByLabel('First name', { exact: true }).fill(first);
  await page.getByLabel('Last name', { exact: true }).fill('Tester');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.waitForURL(`${server.url}/`);
  return { context, page, email };
}

describe('Comments', () => {
  it('lets a commenter comment on a block and mention the owner, who is notified', { timeout: 120_000 }, async () => {
    const ann = await person('Ann');
    const cat = await person('Cat');
    await ann.page.getByLabel('Title', { exact: true }).fill('Offsite');
    await ann.page.getByRole('button', { name: 'Create session' }).click();
    await ann.page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    const path = new URL(ann.page.url()).pathname;
    await ann.page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Activity' });
    await ann.page.getByLabel('Title', { exact: true }).fill('Fishbowl');
    await ann.page.getByLabel('Duration in minutes').fill('40');
    await ann.page.getByRole('button', { name: 'Add block' }).click();
    await ann.page.goto(`${server.url}${path}/share`);
    await ann.page.getByLabel('Email', { exact: true }).fill(cat.email);
    await ann.page.getByLabel('Role', { exact: true }).selectOption({ label: 'Commenter' });
    await ann.page.getByRole('button', { name: 'Invite', exact: true }).click();
    await ann.page.getByText('Done: they have the role now').waitFor();

    await cat.page.goto(`${server.url}${path}`);
    assert.equal(await cat.page.getByRole('button', { name: 'Add block' }).count(), 0, 'a commenter does not edit');
    await cat.page.getByRole('link', { name: 'Comments', exact: true }).click();
    await cat.page.getByLabel('What it is about').selectOption({ label: 'Fishbowl' });
    await cat.page.getByLabel('Comment', { exact: true }).fill('@Ann Tester forty minutes feels long for a fishbowl');
    await cat.page.getByRole('button', { name: 'Post comment' }).click();
    await cat.page.getByText('Comment posted.').waitFor();

    await ann.page.goto(`${server.url}${path}`);
    await ann.page.getByRole('link', { name: '1 open comment' }).waitFor();
    await ann.page.goto(`${server.url}/notifications`);
    await ann.page.getByRole('link', { name: 'Cat Tester mentioned you in a comment on “Offsite”.' }).click();
    await ann.page.getByText('forty minutes feels long').waitFor();
    await ann.page.getByRole('button', { name: 'Resolve' }).click();
    await ann.page.getByText('Resolved.', { exact: true }).waitFor();
    await ann.page.goto(`${server.url}${path}`);
    assert.equal(await ann.page.getByRole('link', { name: /open comment/ }).count(), 0);
    await ann.context.close();
    await cat.context.close();
  });
});
