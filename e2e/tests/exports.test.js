// Exports and imports in the browser: every item of a session's Export menu downloads a file
// named after the session, in English and in Russian; the participant view offers its PDF and
// calendar; a CSV with one bad row is previewed with the row marked, and its good rows become
// a session.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { launchBrowser, newContext, registerPerson, startServer } from '../lib/harness.js';

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

/** Makes a session with one block through the pages and returns its path. */
async function sessionWithBlock(page, title) {
  await page.locator('#new-title').fill(title);
  await page.locator('form[action="/sessions"] button[type=submit]').click();
  await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
  const path = new URL(page.url()).pathname;
  await page.locator('#title').fill('Check-in');
  await page.locator('#minutes').fill('15');
  await page.locator('form[action$="/blocks"] button[type=submit]').click();
  await page.waitForLoadState();
  return path;
}

/** Clicks `link` and returns the download's suggested name and bytes. */
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

const STARTS = {
  pdf: '%PDF-',
  'cards-pdf': '%PDF-',
  'materials-pdf': '%PDF-',
  docx: 'PK',
  xlsx: 'PK',
  ics: 'BEGIN:VCALENDAR',
  json: '{',
};

describe('Exports and imports', () => {
  for (const [locale, csvHeader, mdTotal] of [
    ['en', 'Date,Start,End,Duration (min)', 'Total:'],
    ['ru', 'Дата,Начало,Конец,"Длительность, мин"', 'Всего:'],
  ]) {
    it(`downloads every format from the Export menu in ${locale}`, { timeout: 120_000 }, async () => {
      const ann = await registerPerson(browser, server.url, 'Ann');
      const { page } = ann;
      if (locale === 'ru') {
        await page.getByRole('button', { name: 'Русский' }).click();
        await page.waitForLoadState();
      }
      const path = await sessionWithBlock(page, locale === 'ru' ? 'Стратегия' : 'Strategy');
      const menu = page.locator('details.export-menu');
      const links = menu.locator('a[data-export]');
      const count = await links.count();
      assert.equal(count, 12);
      for (let i = 0; i < count; i += 1) {
        // Each item from the page as it first opens, so no download waits on another.
        await page.goto(`${server.url}${path}`);
        await menu.locator('summary').click();
        const link = links.nth(i);
        assert.ok(await link.isVisible(), `item ${i} shows when the menu opens`);
        const what = await link.getAttribute('data-export');
        const format = what.split('&')[0];
        const { name, bytes } = await download(page, link).catch((e) => { throw new Error(`${what}: ${e.message}`); });
        assert.match(name, locale === 'ru' ? /^Стратегия/ : /^Strategy/, what);
        const text = bytes.toString('utf8');
        if (STARTS[format]) {
          assert.ok(text.startsWith(STARTS[format]), `${what}: ${text.slice(0, 20)}`);
        } else if (format === 'csv') {
          assert.ok(text.startsWith(`\uFEFF${csvHeader}`), text.slice(0, 80));
        } else if (format === 'md') {
          assert.ok(text.includes(mdTotal), text);
        } else {
          assert.fail(`an unknown item ${what}`);
        }
      }
      await ann.context.close();
    });
  }

  it('offers a participant the Programme as PDF and the calendar, without signing in', { timeout: 60_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const path = await sessionWithBlock(ann.page, 'Open day');
    await ann.page.goto(`${server.url}${path}/share`);
    await ann.page.locator(`form[action="${path}/links"] button[type=submit]`).click();
    await ann.page.waitForLoadState();
    const link = await ann.page.locator('#new-link').inputValue();
    assert.match(link, /\/p\/[A-Za-z0-9_-]+$/);
    const guest = await newContext(browser, { locale: 'en-US' });
    const page = await guest.newPage();
    await page.goto(link);
    const exports = page.getByRole('navigation', { name: 'Download' });
    const pdf = await download(page, exports.getByRole('link', { name: 'Programme (PDF)' }));
    assert.ok(pdf.bytes.toString('latin1').startsWith('%PDF-'));
    const ics = await download(page, exports.getByRole('link', { name: 'Calendar (iCalendar)' }));
    assert.match(ics.bytes.toString('utf8'), /SUMMARY:Check-in/);
    assert.equal(ics.name, 'Open-day.ics');
    await guest.close();
    await ann.context.close();
  });

  it('imports a CSV with one bad row: the preview marks it and only the good rows are made', { timeout: 60_000 }, async () => {
    const ann = await registerPerson(browser, server.url, 'Ann');
    const { page } = ann;
    await page.getByRole('link', { name: 'Import from a file' }).first().click();
    await page.getByLabel('File (JSON or CSV, up to 5 MB)').setInputFiles({
      name: 'Team day.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('title,duration,kind,notes\nWarm-up,10,activity,Stand in a circle\nLunch,forty,break,\nWrap-up,1:05,,\n'),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('2 of 3 rows can be imported.').waitFor();
    const bad = page.locator('.import-row.bad');
    assert.equal(await bad.count(), 1);
    assert.equal(await bad.getAttribute('data-line'), '3');
    assert.match(await bad.innerText(), /The duration is not minutes/);
    assert.equal(await page.getByLabel('Title of the new session (for a CSV)').inputValue(), 'Team day');
    await page.getByRole('button', { name: 'Import 2 good rows' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]+\?notice=session-imported$/);
    await page.getByText('The session was imported.').waitFor();
    const rows = await page.locator('#editor [data-block]').evaluateAll((els) => els.map((e) => e.dataset.title));
    assert.deepEqual(rows, ['Warm-up', 'Wrap-up']);
    await ann.context.close();
  });
});

describe('Exports that take longer than a request waits', () => {
  let slow;
  before(async () => {
    // Every export goes on as a job here, as a large session's PDF would.
    slow = await startServer({ env: { PLENARY_EXPORT_WAIT_MS: '0' } });
  });
  after(async () => {
    await slow?.stop();
  });

  it('show their progress in Russian, then the download, on the same page', { timeout: 180_000 }, async () => {
    const ann = await registerPerson(browser, slow.url, 'Ann');
    const { page } = ann;
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.waitForLoadState();
    const path = await sessionWithBlock(page, 'Стратегия');
    // Three hundred blocks, so that the (unoptimised) PDF is still being made when its page
    // first shows.
    const api = (method, where, data) => page.request.fetch(`${slow.url}${where}`, {
      method, data, headers: { origin: slow.url },
    });
    let after = (await (await api('GET', `/api/v1${path}`)).json()).blocks[0].id;
    const ops = [];
    for (let i = 2; i <= 300; i += 1) {
      const block = crypto.randomUUID();
      ops.push({ op: { type: 'insert_block', block, kind: 'activity', after, fields: [
        { field: 'title', value: `Шаг ${i}` }, { field: 'minutes', value: 5 }] } });
      after = block;
    }
    const added = await api('POST', `/api/v1${path}/ops`, { ops });
    assert.equal(added.status(), 200, await added.text());
    await page.reload();
    await page.locator('details.export-menu summary').click();
    await page.getByRole('link', { name: 'Программа (PDF)', exact: true }).click();
    await page.waitForURL(/\/exports\/[0-9a-f-]+$/);
    await page.getByRole('heading', { name: 'Готовим экспорт' }).waitFor();
    // The page looks again every two seconds; the download appears in its place, and the
    // status line (a live region that stays put) says the file is ready.
    const ready = page.locator('#export-state').getByRole('link', { name: /^Скачать \([\d\s,.]+ [КМ]Б\)$/ });
    await ready.waitFor({ timeout: 90_000 });
    await page.getByRole('heading', { name: 'Экспорт готов' }).waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: 'Стратегия' }).innerText(), '«Стратегия.pdf» готов.');
    const { name, bytes } = await download(page, ready);
    assert.equal(name, 'Стратегия.pdf');
    assert.ok(bytes.toString('latin1').startsWith('%PDF-'));
    await ann.context.close();
  });
});
