// Files in the browser, with a real clamd: several files uploaded at once wait for their scan,
// the EICAR file is blocked for good, a file over the workspace's quota gets a clear message,
// a collaborator downloads an attachment that a stranger cannot, a card shows its picture's
// small copy, and a method carries a handout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { EICAR, acceptByLink, invite, launchBrowser, registerPerson, startClamd, startServer, startSmtp } from '../lib/harness.js';

let clamd;
let smtp;
let server;
let browser;

before(async () => {
  clamd = await startClamd();
  smtp = await startSmtp();
  server = await startServer({ smtpPort: smtp.port, env: { PLENARY_CLAMD: clamd.url, PLENARY_WORKSPACE_QUOTA_MB: '1' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  await clamd?.stop();
});

const PDF = Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('Files', () => {
  it('blocks the EICAR file, explains a full quota, and serves attachments to collaborators only', { timeout: 120_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const cat = await registerPerson(browser, server.url, 'Cat');
    const dan = await registerPerson(browser, server.url, 'Dan');
    const { page } = ann;
    await page.getByLabel('Title', { exact: true }).fill('Offsite');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    const path = new URL(page.url()).pathname;
    await invite(ann, path, cat, 'Viewer');
    await acceptByLink(cat, smtp);

    await page.goto(`${server.url}${path}`);
    await page.getByRole('link', { name: 'Files', exact: true }).click();
    await page.getByLabel('Files', { exact: true }).setInputFiles([
      { name: 'handout.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'eicar.txt', mimeType: 'text/plain', buffer: Buffer.from(EICAR) },
    ]);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('Uploaded.').waitFor();

    // The scan job runs within moments; reload until both verdicts are in.
    const blocked = page.locator('[data-file="eicar.txt"][data-status="infected"]');
    for (let i = 0; i < 50 && (await blocked.count()) === 0; i += 1) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await blocked.getByText('blocked: malware found').waitFor();
    assert.equal(await blocked.getByRole('link').count(), 0, 'an infected file has no link');
    const handout = page.locator('[data-file="handout.pdf"][data-status="clean"]').getByRole('link', { name: 'handout.pdf' });
    await handout.waitFor();
    const href = await handout.getAttribute('href');
    assert.ok(href);

    // Over the quota: a clear message, and nothing stored.
    await page.getByLabel('Files', { exact: true }).setInputFiles([
      { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(1100 * 1024, 'a') },
    ]);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('[data-progress] li').filter({ hasText: 'big.txt' })
      .getByText('The workspace’s storage is full. Delete files you no longer need.').waitFor();
    assert.equal(await page.locator('[data-file="big.txt"]').count(), 0);

    // A collaborator downloads the attachment; a stranger gets "not found".
    const got = await cat.context.request.get(`${server.url}${href}`);
    assert.equal(got.status(), 200);
    assert.match(got.headers()['content-disposition'], /^attachment;/);
    assert.equal(got.headers()['x-content-type-options'], 'nosniff');
    assert.ok((await got.body()).equals(PDF));
    const refused = await dan.context.request.get(`${server.url}${href}`);
    assert.equal(refused.status(), 404);

    for (const p of [ann, cat, dan]) await p.context.close();
  });

  it('files dropped or pasted go up at once, each with a progress bar', { timeout: 120_000 }, async () => {
    const fay = await registerPerson(browser, server.url, 'Fay');
    const { page } = fay;
    await page.getByLabel('Title', { exact: true }).fill('Kick-off');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await page.getByRole('link', { name: 'Files', exact: true }).click();
    await page.getByText('Drop files here, or paste them').waitFor();

    // A drop of two files: one goes up, one is refused with its reason.
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['# Agenda\n'], 'agenda.md', { type: 'text/markdown' }));
      dt.items.add(new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' }));
      return dt;
    });
    await page.locator('[data-drop]').dispatchEvent('drop', { dataTransfer: dropped });
    const rows = page.locator('[data-progress] li');
    await rows.filter({ hasText: 'agenda.md' }).getByText('uploaded').waitFor();
    await rows.filter({ hasText: 'logo.svg' }).getByText('This kind of file cannot be uploaded').waitFor();
    assert.equal(await rows.locator('progress').count(), 2, 'a progress bar per file');

    // A paste of one file: it goes up and the page shows the list again.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['name,role\nFay,lead\n'], 'people.csv', { type: 'text/csv' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
    });
    await page.waitForURL(/notice=files-uploaded/);
    await page.locator('[data-file="people.csv"]').waitFor();
    await page.locator('[data-file="agenda.md"]').waitFor();
    assert.equal(await page.locator('[data-file="logo.svg"]').count(), 0);
    await fay.context.close();
  });

  it('a picture uploaded to a block shows on its card once scanned', { timeout: 120_000 }, async () => {
    const eve = await registerPerson(browser, server.url, 'Eve');
    const { page } = eve;
    await page.getByLabel('Title', { exact: true }).fill('Retro');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
    await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Activity' });
    await page.getByLabel('Title', { exact: true }).fill('Gallery walk');
    await page.getByLabel('Duration in minutes').fill('20');
    await page.getByRole('button', { name: 'Add block' }).click();
    await page.waitForLoadState();
    await page.getByRole('link', { name: 'Files', exact: true }).click();
    await page.getByLabel('Files', { exact: true }).setInputFiles([{ name: 'wall.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByLabel('For', { exact: true }).selectOption({ label: 'Gallery walk' });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('Uploaded.').waitFor();
    const clean = page.locator('[data-file="wall.png"][data-status="clean"]');
    for (let i = 0; i < 50 && (await clean.count()) === 0; i += 1) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await clean.waitFor();
    await page.getByRole('link', { name: /Retro/ }).first().click();
    await page.getByRole('link', { name: 'Design', exact: true }).click();
    const card = page.locator('#editor .block-card').filter({ hasText: 'Gallery walk' });
    const picture = card.locator('img.card-image');
    await picture.waitFor();
    // The card loads its small copy (1x on this screen), not the whole picture.
    await picture.evaluate((img) => (img.complete ? null : new Promise((done) => img.addEventListener('load', done))));
    const shown = await picture.evaluate((img) => ({ src: img.currentSrc, width: img.naturalWidth }));
    assert.match(shown.src, /\?size=card$/);
    assert.equal(shown.width, 320);
    await eve.context.close();
  });

  it('a handout dropped on a method is listed on the method once scanned', { timeout: 120_000 }, async () => {
    const gus = await registerPerson(browser, server.url, 'Gus');
    const { page } = gus;
    await page.goto(`${server.url}/library?q=vote&language=any`);
    await page.locator('.method-card h2 a').first().click();
    await page.getByRole('button', { name: 'Copy to my library' }).click();
    await page.waitForURL(/\/library\/methods\/[0-9a-f-]+/);
    const method = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Add or remove files' }).click();
    const dropped = await page.evaluateHandle((pdf) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(pdf)], 'handout.pdf', { type: 'application/pdf' }));
      return dt;
    }, [...PDF]);
    await page.locator('[data-drop]').dispatchEvent('drop', { dataTransfer: dropped });
    await page.waitForURL(/notice=files-uploaded/);
    const clean = page.locator('[data-file="handout.pdf"][data-status="clean"]');
    for (let i = 0; i < 50 && (await clean.count()) === 0; i += 1) {
      await page.waitForTimeout(200);
      await page.reload();
    }
    await clean.waitFor();
    await page.goto(`${server.url}${method}`);
    const link = page.locator('#files').getByRole('link', { name: 'handout.pdf' });
    const got = await gus.context.request.get(`${server.url}${await link.getAttribute('href')}`);
    assert.ok((await got.body()).equals(PDF));
    await gus.context.close();
  });
});
