// Versions in the browser: a named version is saved, the session is changed in the editor,
// the version is viewed read-only and restored, and the old blocks come back; the restore
// itself is undone from the version saved just before it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { blockAction, launchBrowser, registerPerson, startServer } from '../lib/harness.js';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const titles = (page) => page.locator('#editor tbody tr[data-block]').evaluateAll((rows) => rows.map((r) => r.dataset.title));

describe('Versions', () => {
  it('restoring a snapshot brings the old blocks back, and the restore can be undone', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const { page } = ann;
    await page.getByLabel('Title', { exact: true }).fill('Offsite');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    const path = new URL(page.url()).pathname;
    for (const [title, minutes] of [['Check-in', '15'], ['Fishbowl', '40'], ['Wrap-up', '10']]) {
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Activity' });
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Duration in minutes').fill(minutes);
      await page.getByRole('button', { name: 'Add block' }).click();
      await page.waitForLoadState();
    }

    await page.getByRole('link', { name: 'Versions', exact: true }).click();
    await page.getByLabel('Name of the version').fill('Agreed with the client');
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('Version saved.').waitFor();

    // Change the flow in the editor: delete a block, rename another.
    await page.goto(`${server.url}${path}`);
    await blockAction(page, 'Fishbowl', 'Delete');
    await page.locator('#editor tr[data-title="Fishbowl"]').waitFor({ state: 'detached' });
    await page.locator('#editor tr[data-title="Check-in"]').getByRole('button', { name: 'Check-in', exact: true }).click();
    const input = page.locator('#editor tr[data-title="Check-in"] input.inline-input');
    await input.fill('Coffee and hellos');
    await input.press('Enter');
    await page.locator('#editor tr[data-title="Coffee and hellos"]').waitFor();
    assert.deepEqual(await titles(page), ['Coffee and hellos', 'Wrap-up']);

    // The version shows the old flow, read-only.
    await page.getByRole('link', { name: 'Versions', exact: true }).click();
    await page.getByRole('link', { name: 'Agreed with the client' }).click();
    await page.getByText('Version “Agreed with the client”').waitFor();
    const shown = await page.locator('table.version-blocks tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.title));
    assert.deepEqual(shown, ['Check-in', 'Fishbowl', 'Wrap-up']);
    assert.equal(await page.getByRole('button', { name: 'Add block' }).count(), 0, 'a version is read-only');

    await page.getByRole('button', { name: 'Restore this version' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+\?notice=version-restored$/);
    await page.getByText('Version restored.').waitFor();
    assert.deepEqual(await titles(page), ['Check-in', 'Fishbowl', 'Wrap-up']);

    // The way back: the version saved just before the restore.
    await page.getByRole('link', { name: 'Versions', exact: true }).click();
    await page.getByRole('button', { name: 'Restore “Before restoring “Agreed with the client””' }).click();
    await page.getByText('Version restored.').waitFor();
    assert.deepEqual(await titles(page), ['Coffee and hellos', 'Wrap-up']);
    await ann.context.close();
  });
});
