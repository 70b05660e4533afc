// Team workspaces in the browser: Ann creates a team and invites Bob, who accepts; Bob switches
// between his workspaces on his dashboard with the keyboard-friendly switcher and finds the
// team's session.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { acceptByLink, launchBrowser, registerPerson, startServer, startSmtp } from '../lib/harness.js';

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

describe('Workspaces', () => {
  it('a member switches to the team and finds its sessions', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const bob = await registerPerson(browser, server.url, 'Bob');

    await ann.page.getByRole('link', { name: 'Manage workspaces' }).click();
    await ann.page.getByLabel('Name of the team').fill('Facilitators');
    await ann.page.getByRole('button', { name: 'Create team' }).click();
    await ann.page.getByText('Team created. You are working in it now.').waitFor();
    await ann.page.getByLabel('Email', { exact: true }).fill(bob.email);
    await ann.page.getByRole('button', { name: 'Invite', exact: true }).click();
    await ann.page.getByText('Invitation sent.').waitFor();
    assert.equal(await ann.page.locator(`[data-person="${bob.email}"]`).count(), 0, 'not a member before answering');

    await ann.page.goto(`${server.url}/`);
    await ann.page.getByLabel('Title', { exact: true }).fill('Team offsite');
    await ann.page.getByRole('button', { name: 'Create session' }).click();
    await ann.page.waitForURL(/\/sessions\/[0-9a-f-]+$/);

    await acceptByLink(bob, smtp);
    await ann.page.goto(`${server.url}/workspaces`);
    await ann.page.getByRole('link', { name: 'Facilitators' }).first().click();
    assert.equal(await ann.page.locator(`[data-person="${bob.email}"]`).count(), 1, 'a member once he accepted');

    // Accepting took Bob into the team; he switches to his own workspace and back.
    await bob.page.goto(`${server.url}/`);
    await bob.page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Bob Tester' });
    await bob.page.getByRole('button', { name: 'Switch', exact: true }).click();
    await bob.page.getByText('Switched workspace.').waitFor();
    assert.equal(await bob.page.getByRole('link', { name: 'Team offsite' }).count(), 0, 'not in his own workspace');
    await bob.page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Facilitators (team)' });
    await bob.page.getByRole('button', { name: 'Switch', exact: true }).click();
    await bob.page.getByText('Switched workspace.').waitFor();
    await bob.page.getByRole('link', { name: 'Team offsite' }).click();
    await bob.page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    // A member edits the team's sessions.
    await bob.page.getByRole('button', { name: 'Add block' }).waitFor();
    await ann.context.close();
    await bob.context.close();
  });
});
