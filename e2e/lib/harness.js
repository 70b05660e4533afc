// Shared helpers for Plenary's browser end-to-end tests.
//
// - startSmtp():    a real SMTP server on 127.0.0.1 that keeps every message it receives.
// - startServer():  the Plenary binary on a free loopback port with a fresh data dir.
// - launchBrowser(): Debian's Chromium driven by playwright-core (no browser download).
// - withPage():     a fresh browser context per test; on failure prints the server log
//                   and saves a screenshot + HTML under e2e/artifacts/.
// - extractLink():  the first URL in an email's text that points at the server.

import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';

const here = path.dirname(fileURLToPath(import.meta.url));
export const E2E_DIR = path.resolve(here, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..');
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');

// ---------------------------------------------------------------------------
// SMTP
// ---------------------------------------------------------------------------

function matches(value, expected) {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(value ?? '');
  return (value ?? '') === expected;
}

function recipientsOf(parsed, session) {
  const out = new Set();
  for (const field of [parsed.to, parsed.cc, parsed.bcc]) {
    const list = Array.isArray(field) ? field : field ? [field] : [];
    for (const group of list) {
      for (const v of group.value ?? []) if (v.address) out.add(v.address.toLowerCase());
    }
  }
  for (const rcpt of session?.envelope?.rcptTo ?? []) {
    if (rcpt.address) out.add(rcpt.address.toLowerCase());
  }
  return [...out];
}

/**
 * Starts an SMTP server on 127.0.0.1 (random port, no TLS, no auth needed).
 * Returns { port, messages, waitForMail({to, subject, timeoutMs}), close() }.
 * Each message is { to: string[], from, subject, text, html, receivedAt }.
 */
export async function startSmtp() {
  const messages = [];
  const handed = new Set(); // messages already returned by waitForMail

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    banner: 'plenary-e2e',
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'e2e' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            to: recipientsOf(parsed, session),
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            // Raw header lines, for the headers a test reads as sent (List-Unsubscribe).
            headerLines: parsed.headerLines ?? [],
            receivedAt: Date.now(),
          });
          callback();
        })
        .catch((err) => callback(err));
    },
  });
  server.on('error', (err) => {
    console.error('[smtp] error:', err.message);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = server.server.address().port;

  function find({ to, subject } = {}) {
    const want = to?.toLowerCase();
    return messages.find(
      (m) => !handed.has(m) && (want === undefined || m.to.includes(want)) && matches(m.subject, subject),
    );
  }

  /**
   * Waits (polling, up to timeoutMs, default 15 s) for a message to `to` whose subject
   * equals `subject` (string) or matches it (RegExp). Each message is returned once:
   * a second call waits for the next matching message.
   */
  async function waitForMail({ to, subject, timeoutMs = 15_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find({ to, subject });
      if (found) {
        handed.add(found);
        return found;
      }
      if (Date.now() > deadline) {
        const seen = messages.map((m) => `  to=${m.to.join(',')} subject=${JSON.stringify(m.subject)}`).join('\n');
        throw new Error(
          `No email to ${to ?? '(anyone)'} with subject ${String(subject)} within ${timeoutMs} ms.\n` +
            `Messages received so far (${messages.length}):\n${seen || '  (none)'}`,
        );
      }
      await sleep(100);
    }
  }

  /** Messages to an address (all of them, including ones already handed out). */
  function mailTo(address) {
    const want = address.toLowerCase();
    return messages.filter((m) => m.to.includes(want));
  }

  async function close() {
    await new Promise((resolve) => server.close(() => resolve()));
  }

  return { port, messages, waitForMail, mailTo, close };
}

// ---------------------------------------------------------------------------
// Plenary server
// ---------------------------------------------------------------------------

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The EICAR test string: harmless, and "infected" to every scanner. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** Asks clamd at `port` for PONG; true when it answers. */
function pingClamd(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (d) => { answer += d.toString(); });
    socket.on('close', () => resolve(answer.startsWith('PONG')));
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts Debian's clamd on 127.0.0.1 with a database of one local signature (EICAR), so no
 * signature download is needed. Returns `{ url, stop }`; `url` is for PLENARY_CLAMD.
 */
export async function startClamd() {
  const bin = ['/usr/sbin/clamd', '/usr/bin/clamd'].find((p) => existsSync(p));
  if (!bin) throw new Error('clamd is not installed: install clamav-daemon (scripts/test does)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plenary-clamd-'));
  await mkdir(path.join(dir, 'db'));
  await writeFile(path.join(dir, 'db', 'eicar.hdb'), '44d88612fea8a8f36de82e1278abb02f:68:Test.EICAR-local\n');
  const port = await freePort();
  const conf = path.join(dir, 'clamd.conf');
  await writeFile(conf, [
    'Foreground yes', `DatabaseDirectory ${path.join(dir, 'db')}`, `TCPSocket ${port}`,
    'TCPAddr 127.0.0.1', `LogFile ${path.join(dir, 'clamd.log')}`, '',
  ].join('\n'));
  const child = spawn(bin, ['--config-file', conf], { stdio: 'ignore' });
  for (let i = 0; i < 300 && !(await pingClamd(port)); i += 1) await sleep(100);
  if (!(await pingClamd(port))) {
    child.kill('SIGKILL');
    throw new Error('clamd did not answer within 30 s');
  }
  return {
    url: `tcp://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function plenaryBinary() {
  if (process.env.PLENARY_BIN) return path.resolve(process.env.PLENARY_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(REPO_ROOT, 'target');
  return path.join(targetDir, 'debug', 'plenary');
}

const LOG_LIMIT = 2_000_000; // keep the last ~2 MB of server output

/**
 * Spawns `plenary serve` on a free loopback port with a fresh temp data dir and waits
 * for GET /healthz to answer 200 (max 30 s). `databaseUrl` shares a database between servers
 * (several instances); by default each server gets a fresh one.
 * Returns { url, port, dataDir, logs(), stop() }.
 */
/**
 * A fresh schema in the PostgreSQL database at `base` (made with psql), so that every server
 * starts as empty as it does on SQLite: its own accounts, and its own throttle counters.
 */
export function freshSchemaUrl(base) {
  const schema = `e2e_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', base, '-c', `CREATE SCHEMA ${schema}`], { stdio: 'inherit' });
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}options=-c%20search_path%3D${schema}`;
}

export async function startServer({ smtpPort, databaseUrl, env: extraEnv = {} } = {}) {
  const bin = plenaryBinary();
  if (!existsSync(bin)) {
    throw new Error(
      `Plenary binary not found at ${bin}. Build it first (cargo build) or set PLENARY_BIN.`,
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'plenary-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const env = { ...process.env };
  // Never let a developer's own database setting leak into the tests.
  delete env.PLENARY_DATABASE_URL;
  Object.assign(env, {
    PLENARY_BIND: `127.0.0.1:${port}`,
    PLENARY_DATA_DIR: dataDir,
    PLENARY_PUBLIC_URL: url,
    PLENARY_MAIL_FROM: 'plenary@example.test',
    PLENARY_JOB_POLL_MS: '100',
    // The debug build's typst can take over the default second; exports as jobs are tested
    // with 0 (extraEnv).
    PLENARY_EXPORT_WAIT_MS: '60000',
    // A script fills the registration form faster than a person; the minimum time is tested
    // in the app tests (limits.rs).
    PLENARY_SIGNUP_MIN_SECONDS: '0',
  });
  if (smtpPort !== undefined) env.PLENARY_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  if (databaseUrl) env.PLENARY_DATABASE_URL = databaseUrl;
  else if (process.env.PLENARY_E2E_DATABASE_URL) env.PLENARY_DATABASE_URL = freshSchemaUrl(process.env.PLENARY_E2E_DATABASE_URL);
  Object.assign(env, extraEnv);

  let log = '';
  const append = (chunk) => {
    log += chunk.toString();
    if (log.length > LOG_LIMIT) log = log.slice(log.length - LOG_LIMIT);
  };

  const child = spawn(bin, ['serve'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  let exited = null; // { code, signal } once the child is gone
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.once('error', (err) => {
      append(`\n[harness] failed to spawn ${bin}: ${err.message}\n`);
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  const logs = () => log;

  async function stop() {
    if (!exited && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const done = await Promise.race([exitPromise, sleep(10_000).then(() => null)]);
      if (!done && !exited) {
        append('\n[harness] server did not exit 10 s after SIGTERM; sending SIGKILL\n');
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exitPromise;
      }
    }
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  }

  // Wait for /healthz.
  const deadline = Date.now() + 30_000;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (exited) {
      await rm(dataDir, { recursive: true, force: true }).catch(() => {});
      throw new Error(
        `Plenary exited before becoming healthy (code=${exited.code}, signal=${exited.signal}).\n` +
          `--- server log ---\n${log}`,
      );
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
      lastProblem = `GET /healthz answered ${res.status}`;
    } catch (err) {
      lastProblem = err.cause?.code ?? err.message;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Plenary did not answer GET /healthz with 200 within 30 s (${lastProblem}).\n--- server log ---\n${log}`,
      );
    }
    await sleep(100);
  }

  /** Runs another `plenary` command on the same data (e.g. `admin create-user`). */
  const cli = (args) => execFileSync(bin, args, { cwd: dataDir, env, encoding: 'utf8' });

  return { url, port, dataDir, logs, stop, cli, get exited() { return exited; } };
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new browser context. Unless `consent` is false, it starts with a cookie choice on record
 * (everything accepted, for every server on 127.0.0.1), as a person who answered the banner
 * long ago: tests of other features then see no banner. The consent tests pass `false`.
 */
export async function newContext(browser, { consent = true, ...options } = {}) {
  const context = await browser.newContext(options);
  if (consent) {
    await context.addCookies([{ name: 'plenary_consent', value: `1.111.${randomUUID()}`, domain: '127.0.0.1', path: '/' }]);
  }
  return context;
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
}

/**
 * Runs `fn(page, context)` in a fresh browser context (English Accept-Language, 15 s
 * default timeout), always closing the context. If `fn` throws, prints the tail of the
 * server log and saves a screenshot and the page HTML to e2e/artifacts/ before rethrowing.
 */
export async function withPage({ browser, server, name = 'test' }, fn) {
  const context = await newContext(browser, { locale: 'en-US', baseURL: server.url });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') consoleLines.push(`[${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleLines.push(`[pageerror] ${err.message}`));
  try {
    return await fn(page, context);
  } catch (err) {
    await reportFailure({ page, server, name, consoleLines });
    throw err;
  } finally {
    await context.close().catch(() => {});
  }
}

async function reportFailure({ page, server, name, consoleLines }) {
  const lines = [`\n===== failure in "${name}" =====`];
  try {
    lines.push(`page URL: ${page.url()}`);
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    const base = path.join(ARTIFACTS_DIR, `${slug(name)}-${Date.now()}`);
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5_000 });
    await writeFile(`${base}.html`, await page.content());
    lines.push(`screenshot: ${base}.png`, `html: ${base}.html`);
  } catch (e) {
    lines.push(`(could not save page artifacts: ${e.message})`);
  }
  if (consoleLines.length) lines.push('--- browser console ---', ...consoleLines.slice(-50));
  const log = server?.logs?.() ?? '';
  lines.push('--- server log (last 20000 chars) ---', log.slice(-20_000) || '(empty)');
  if (server?.exited) lines.push(`server exited: ${JSON.stringify(server.exited)}`);
  console.error(lines.join('\n'));
}

// ---------------------------------------------------------------------------
// Mail helpers
// ---------------------------------------------------------------------------

/**
 * The first URL in the email's text that starts with the server's URL, with trailing
 * sentence punctuation removed. Throws if there is none.
 */
export function extractLink(mail, serverUrl) {
  const text = typeof mail === 'string' ? mail : mail.text ?? '';
  const base = serverUrl.replace(/\/+$/, '');
  for (const match of text.matchAll(/https?:\/\/[^\s<>"'()\[\]]+/g)) {
    const candidate = match[0].replace(/[.,;:!?]+$/, '');
    if (candidate === base || candidate.startsWith(`${base}/`)) return candidate;
  }
  throw new Error(`No link starting with ${base} in the email text:\n${text}`);
}

/**
 * Two plans for a server's config file: Basic, which keeps one session active, and Pro at
 * 990 RUB a month, so a test reaches a limit at once and can pay to lift it.
 */
export const TWO_PLANS_TOML = `[[plans]]
id = "basic"
name = { en = "Basic", ru = "Базовый" }
prices = []
limits = { active_sessions = 1, collaborators_per_session = 2, team_members = 3, storage_mb = 200, private_methods = 20, history_days = 7, features = ["exports", "public_links"] }

[[plans]]
id = "pro"
name = { en = "Pro", ru = "Про" }
prices = [{ currency = "RUB", monthly = 99000, annual = 990000 }]
limits = { storage_mb = 5120, features = ["run_mode", "exports", "public_links", "custom_fields"] }
`;

/**
 * An `[operator]` table for a server's config file: a company with valid details, so that
 * invoices for organisations are offered.
 */
export const OPERATOR_TOML = `[operator]
name = "ООО «Пленари»"
name_en = "Plenary LLC"
inn = "7736207543"
kpp = "770401001"
ogrn = "1027700229193"
address = "Москва, ул. Льва Толстого, 16"
bank = "ПАО Сбербанк"
bik = "044525225"
account = "40702810438000034726"
correspondent_account = "30101810400000000225"
head = "Петров П. П."
`;

/** A unique address for one test, e.g. `confirm-1732230000000-x7k2@example.test`. */
export function uniqueEmail(tag) {
  const rnd = Math.random().toString(36).slice(2, 6);
  return `${tag}-${Date.now()}-${rnd}@example.test`;
}

/**
 * A new browser context (English, 15 s timeouts) signed in as a new person registered on
 * `base` as `{first} Tester`. Resolves with `{ context, page, email, name }`.
 */
export async function registerPerson(browser, base, first) {
  const context = await newContext(browser, { locale: 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const email = uniqueEmail(first.toLowerCase());
  await page.goto(`${base}/register`);
  await page.getByLabel('First name', { exact: true }).fill(first);
  await page.getByLabel('Last name', { exact: true }).fill('Tester');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a quiet river at dawn');
  await page.getByLabel('I accept the User Agreement and the Privacy Policy').check();
  await page.getByLabel('I consent to the processing of my personal data').check();
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.waitForURL(`${base}/`);
  return { context, page, email, name: `${first} Tester` };
}

/**
 * Confirms `person`'s address (from `registerPerson`) with the link emailed to it.
 */
export async function confirmEmail(person, smtp) {
  const base = new URL(person.page.url()).origin;
  const mail = await smtp.waitForMail({ to: person.email, subject: 'Confirm your email address' });
  await person.page.goto(extractLink(mail, base));
  await person.page.getByRole('button', { name: 'Confirm email' }).click();
  await person.page.getByText('Your email address is confirmed.').waitFor();
}

/**
 * `owner` invites `who` to the session at `path` with `role` (its label) from the share page.
 */
export async function invite(owner, path, who, role) {
  const { page } = owner;
  await page.goto(`${new URL(page.url()).origin}${path}/share`);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await page.getByText('Invitation sent.').waitFor();
}

/**
 * `person` accepts the invitation emailed to them, through its link, opened on the server
 * their page is on (the email names the inviter's).
 */
export async function acceptByLink(person, smtp) {
  const base = new URL(person.page.url()).origin;
  const mail = await smtp.waitForMail({ to: person.email, subject: 'An invitation to work together on Plenary' });
  const link = (mail.text ?? '').match(/\/invitations\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`No invitation link in the email text:\n${mail.text}`);
  await person.page.goto(`${base}${link}`);
  await person.page.getByRole('button', { name: 'Accept the invitation' }).click();
  await person.page.waitForLoadState();
}

/**
 * Opens the action menu of a block in the Programme and chooses one of its items.
 * @param {import('playwright-core').Page} page
 * @param {string} title the block's title
 * @param {string} item the item's accessible name, e.g. 'Edit “Opening”'
 */
export async function blockAction(page, title, item) {
  await page.locator(`#editor tr[data-title="${title}"] details.row-menu > summary`).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}
