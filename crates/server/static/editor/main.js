// @ts-check
// The editor island of the Programme and the Design: edit in place, add, delete, reorder by
// drag (mouse, pen or touch) and by the arrow keys, undo and redo. Every change is an op sent
// through the live channel (or the HTTP op path); the server then renders the view again, so
// times and totals always come from one place. Others' changes arrive on the live channel and
// redraw the view the same way; who is here, and what they edit, shows beside it. Viewers and
// commenters get the live view without the editing controls. The page works without this
// script.

import { History } from './history.js';
import { Refused, newId, send, useChannel } from './ops.js';
import { enableDrag } from './drag.js';
import { startEditing } from './inline.js';
import { Live } from './live.js';

/** @typedef {import('./ops.js').Op} Op */

/** @type {Record<string, string>} */
let strings = {};

/** A message by key with `%name%` placeholders filled. @param {string} key @param {Record<string, string | number>} [args] */
export function say(key, args = {}) {
  let text = strings[key] ?? key;
  for (const [k, v] of Object.entries(args)) text = text.replaceAll(`%${k}%`, String(v));
  return text;
}

/** @returns {HTMLElement | null} */
function root() {
  return document.getElementById('editor');
}

/** True when the reader may not change the session. */
function readonly() {
  return root()?.dataset.readonly !== undefined;
}

/** @type {Live | null} */
let live = null;
/** Who is here, as last heard. @type {{people: import('./live.js').Here[], me: string}} */
let here = { people: [], me: '' };
/** Set when others changed the session while this person was typing in a field. */
let stale = false;

/** Every block element in flow order. @param {ParentNode} [scope] @returns {HTMLElement[]} */
export function flow(scope = root() ?? document) {
  return [...scope.querySelectorAll('[data-block]')].filter((el) => el instanceof HTMLElement);
}

/** @param {string} text */
function announce(text) {
  const live = document.querySelector('[data-announce]');
  if (live) {
    live.textContent = '';
    // A new text node after a tick makes screen readers speak it again.
    setTimeout(() => { live.textContent = text; }, 30);
  }
}

/** @param {string | null} text */
function showError(text) {
  const box = document.querySelector('[data-editor-error]');
  if (!(box instanceof HTMLElement)) return;
  box.textContent = text ?? '';
  box.hidden = !text;
}

/**
 * Fetches the page again and swaps in its main content, keeping focus on the same control.
 * @param {{block?: string, focus?: string}} [keep]
 */
async function refresh(keep = {}) {
  // The path alone: a query only carries one-off notices of the page's first load.
  const res = await fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!res.ok) throw new Error(String(res.status));
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const fresh = doc.querySelector('main');
  const main = document.querySelector('main');
  if (!fresh || !main) return;
  const scrollY = window.scrollY;
  main.replaceChildren(...[...fresh.childNodes].map((n) => document.adoptNode(n)));
  window.scrollTo(0, scrollY);
  setup();
  if (keep.block) {
    const el = document.querySelector(`[data-block="${keep.block}"]`);
    const target = keep.focus ? el?.querySelector(keep.focus) : el;
    if (target instanceof HTMLElement) target.focus();
  }
}

/** @type {History | null} */
let history = null;
let busy = Promise.resolve();

/**
 * Applies a change, records it for undo and redraws. Changes run one after another.
 * @param {{redo: Op[], undo: Op[]}} entry
 * @param {{message?: string, block?: string, focus?: string, record?: boolean}} [opts]
 */
export function change(entry, opts = {}) {
  busy = busy.then(async () => {
    const el = root();
    if (!el || !history) return;
    try {
      await send(el.dataset.session ?? '', entry.redo);
      if (opts.record !== false) history.push(entry);
      showError(null);
      await refresh(opts);
      announce(opts.message ?? say('editor-saved'));
    } catch (e) {
      fail(e);
      await refresh(opts).catch(() => {});
    }
  });
  return busy;
}

/** @param {unknown} e */
function fail(e) {
  if (e instanceof Refused) {
    const reason = strings[`op-error-${e.code}`] ?? e.code;
    showError(say('editor-failed', { reason }));
  } else {
    showError(say('editor-offline'));
  }
}

/** @param {'undo' | 'redo'} which */
function travel(which) {
  busy = busy.then(async () => {
    const el = root();
    if (!el || !history) return;
    const entry = which === 'undo' ? history.peekUndo() : history.peekRedo();
    if (!entry) {
      announce(say('editor-nothing'));
      return;
    }
    try {
      await send(el.dataset.session ?? '', which === 'undo' ? entry.undo : entry.redo);
      if (which === 'undo') history.undone(); else history.redone();
      showError(null);
      await refresh();
      announce(say(which === 'undo' ? 'editor-undone' : 'editor-redone'));
    } catch (e) {
      fail(e);
      // A change that can no longer be taken back (say, refused now) leaves the history.
      if (e instanceof Refused) {
        history.forget(which);
        await refresh().catch(() => {});
      }
    }
  });
}

/** The block placed before `el` in the flow, leaving `skip` out. @param {HTMLElement} el @param {HTMLElement} [skip] */
export function previousOf(el, skip) {
  const list = flow().filter((x) => x !== skip);
  const i = list.indexOf(el);
  return i > 0 ? list[i - 1].dataset.block ?? null : null;
}

/**
 * Moves `el` to sit after the block `after` (first when null), undoably.
 * @param {HTMLElement} el
 * @param {string | null} after
 */
export function moveBlock(el, after) {
  const block = el.dataset.block ?? '';
  const before = previousOf(el);
  if (before === after || block === after) return busy;
  const order = flow().filter((x) => x !== el).map((x) => x.dataset.block);
  const position = after === null ? 1 : order.indexOf(after) + 2;
  return change(
    { redo: [{ type: 'move_block', block, after }], undo: [{ type: 'move_block', block, after: before }] },
    { message: say('editor-moved', { title: el.dataset.title ?? '', position }), block, focus: '[data-drag]' },
  );
}

/** Arrow keys on a drag handle move its block one place. @param {KeyboardEvent} event */
function onHandleKey(event) {
  const handle = event.target instanceof HTMLElement ? event.target.closest('[data-drag]') : null;
  const el = handle?.closest('[data-block]');
  if (!(el instanceof HTMLElement) || !['ArrowUp', 'ArrowDown'].includes(event.key)) return;
  event.preventDefault();
  const list = flow();
  const i = list.indexOf(el);
  if (event.key === 'ArrowUp' && i > 0) {
    moveBlock(el, i >= 2 ? list[i - 2].dataset.block ?? null : null);
  } else if (event.key === 'ArrowDown' && i < list.length - 1) {
    moveBlock(el, list[i + 1].dataset.block ?? null);
  }
}

/** Adds an activity after a block and opens its title for editing. @param {HTMLElement} el */
function insertAfter(el) {
  const block = newId();
  const redo = [{
    type: 'insert_block', block, kind: 'activity', after: el.dataset.block ?? null,
    fields: [{ field: 'title', value: say('editor-new-activity') }, { field: 'minutes', value: 15 }],
  }];
  change({ redo, undo: [{ type: 'delete_block', block }] }, { message: say('editor-inserted') }).then(() => {
    const title = document.querySelector(`[data-block="${block}"] [data-field="title"]`);
    if (title instanceof HTMLElement) edit(title);
  });
}

/** Deletes a block, undoably (undo restores it in its place). @param {HTMLElement} el */
function deleteBlock(el) {
  const block = el.dataset.block ?? '';
  change(
    { redo: [{ type: 'delete_block', block }], undo: [{ type: 'restore_block', block }] },
    { message: say('editor-deleted', { title: el.dataset.title ?? '' }) },
  );
}

/**
 * Saves an edited field of a block, undoably.
 * @param {HTMLElement} cell the element with data-field and data-value
 * @param {string} text the new value as typed
 */
function saveField(cell, text) {
  const el = cell.closest('[data-block]');
  if (!(el instanceof HTMLElement)) return;
  const field = cell.dataset.field ?? '';
  const old = cell.dataset.value ?? '';
  if (text === old) return;
  /** @param {string} v */
  const value = (v) => (field === 'minutes' ? Number(v) : v);
  if (field === 'minutes' && !/^\d+$/.test(text.trim())) {
    showError(say('editor-failed', { reason: strings['op-error-duration_out_of_range'] ?? '' }));
    return;
  }
  const block = el.dataset.block ?? '';
  change(
    {
      redo: [{ type: 'set_block', block, set: { field, value: value(text.trim()) } }],
      undo: [{ type: 'set_block', block, set: { field, value: value(old) } }],
    },
    { block, focus: `[data-field="${field}"]` },
  );
}

/** Starts editing a cell in place and tells the others which block it is. @param {HTMLElement} cell */
function edit(cell) {
  const block = cell.closest('[data-block]');
  live?.editing(block instanceof HTMLElement ? block.dataset.block ?? null : null);
  startEditing(cell, saveField, () => {
    live?.editing(null);
    if (stale) {
      stale = false;
      redraw();
    }
  });
}

/** True while a field is being typed in. */
function typing() {
  return Boolean(root()?.querySelector('.inline-input'));
}

/** Draws the view again after others' changes, after any change of this person's in flight. */
function redraw() {
  if (typing()) {
    stale = true;
    return;
  }
  busy = busy.then(() => refresh().catch(() => {}));
}

/** Two letters for an avatar. @param {string} name */
function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]).join('').toUpperCase() || '?';
}

/** Shows who is here and marks the blocks others are editing. */
function showPresence() {
  const list = document.querySelector('[data-people]');
  if (list) {
    const seen = new Set();
    list.replaceChildren(...here.people.filter((p) => !seen.has(p.user) && seen.add(p.user)).map((p) => {
      const li = document.createElement('li');
      li.className = 'avatar';
      li.title = p.name;
      li.dataset.user = p.user;
      const letters = document.createElement('span');
      letters.setAttribute('aria-hidden', 'true');
      letters.textContent = initials(p.name);
      const name = document.createElement('span');
      name.className = 'visually-hidden';
      name.textContent = p.name;
      li.append(letters, name);
      return li;
    }));
  }
  for (const old of document.querySelectorAll('[data-editing]')) old.remove();
  for (const p of here.people) {
    if (!p.block || p.conn === here.me) continue;
    const el = document.querySelector(`#editor [data-block="${p.block}"]`);
    const spot = el?.querySelector('td:nth-child(3), th, .card-title') ?? el;
    if (!spot) continue;
    const badge = document.createElement('span');
    badge.className = 'editing-badge';
    badge.dataset.editing = p.user;
    badge.textContent = say('live-editing', { name: p.name });
    spot.append(' ', badge);
  }
}

/** @param {'connecting' | 'connected' | 'offline'} state */
function showStatus(state) {
  const box = document.querySelector('[data-presence]');
  if (box instanceof HTMLElement) box.hidden = false;
  const status = document.querySelector('[data-live-status]');
  if (status) status.textContent = say(`live-${state}`);
}

/** Opens the live channel of the session on this page. */
function goLive() {
  const el = root();
  if (!el || typeof WebSocket === 'undefined') return;
  let state = /** @type {'connecting' | 'connected' | 'offline'} */ ('connecting');
  live = new Live(el.dataset.session ?? '', Number(el.dataset.version ?? 0), {
    remote: () => redraw(),
    presence: (people, me) => {
      here = { people, me };
      showPresence();
    },
    status: (s) => {
      state = s;
      showStatus(s);
    },
    // A new role draws a different page.
    access: () => location.reload(),
    end: (reason) => {
      if (reason === 'removed') showError(say('live-removed'));
      else {
        showError(say('live-reload'));
        location.reload();
      }
    },
  });
  useChannel(live);
  live.connect();
  showStatus(state);
}

/** Section rows in the Programme get a button that hides the blocks under them. */
function addCollapsers() {
  for (const row of document.querySelectorAll('#editor table.programme tr[data-kind="section"]')) {
    const th = row.querySelector('th');
    if (!th || th.querySelector('[data-collapse]') || !(row instanceof HTMLElement)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary small';
    button.dataset.collapse = '';
    button.setAttribute('aria-expanded', 'true');
    button.textContent = '▾';
    button.setAttribute('aria-label', say('editor-collapse', { title: row.dataset.title ?? '' }));
    th.prepend(button, ' ');
  }
}

/** @param {HTMLButtonElement} button */
function toggleSection(button) {
  const row = button.closest('tr');
  if (!(row instanceof HTMLElement)) return;
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? '▾' : '▸';
  button.setAttribute('aria-label', say(open ? 'editor-collapse' : 'editor-expand', { title: row.dataset.title ?? '' }));
  let next = row.nextElementSibling;
  while (next instanceof HTMLElement && !['section', 'day'].includes(next.dataset.kind ?? '')) {
    next.hidden = !open;
    next = next.nextElementSibling;
  }
}

/** Shows the island's controls and wires what cannot be delegated. */
function setup() {
  const el = root();
  if (!el) return;
  const data = document.getElementById('editor-strings');
  if (data?.textContent) {
    try { strings = JSON.parse(data.textContent); } catch { /* keep the last strings */ }
  }
  addCollapsers();
  if (live) {
    el.querySelector('[data-presence]')?.removeAttribute('hidden');
    showStatus(live.open ? 'connected' : 'connecting');
    showPresence();
  }
  if (readonly()) return;
  for (const hidden of el.querySelectorAll('[data-editor-bar], [data-drag], [data-insert-after]')) {
    if (hidden instanceof HTMLElement) hidden.hidden = false;
  }
  for (const cell of el.querySelectorAll('.editable')) {
    if (!(cell instanceof HTMLElement)) continue;
    cell.tabIndex = 0;
    cell.setAttribute('role', 'button');
    cell.title = say('editor-edit-hint');
  }
  const undo = el.querySelector('[data-undo]');
  const redo = el.querySelector('[data-redo]');
  if (undo instanceof HTMLButtonElement) undo.disabled = !history?.canUndo();
  if (redo instanceof HTMLButtonElement) redo.disabled = !history?.canRedo();
}

function start() {
  const el = root();
  if (!el) return;
  history = new History(el.dataset.session ?? '');
  goLive();
  setup();
  document.addEventListener('click', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    if (!t || !t.closest('#editor')) return;
    const collapse = t.closest('[data-collapse]');
    if (collapse instanceof HTMLButtonElement) {
      toggleSection(collapse);
      return;
    }
    if (readonly()) return;
    const cell = t.closest('.editable');
    if (cell instanceof HTMLElement && !cell.querySelector('input')) {
      edit(cell);
      return;
    }
    const button = t.closest('button');
    if (!button) return;
    if (button.matches('[data-undo]')) travel('undo');
    else if (button.matches('[data-redo]')) travel('redo');
    else if (button.matches('[data-insert-after]')) {
      const block = button.closest('[data-block]');
      if (block instanceof HTMLElement) insertAfter(block);
    }
  });
  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    if (!form?.matches('#editor form[data-delete]')) return;
    const block = form.closest('[data-block]');
    if (block instanceof HTMLElement) {
      event.preventDefault();
      deleteBlock(block);
    }
  });
  document.addEventListener('keydown', (event) => {
    const t = event.target instanceof HTMLElement ? event.target : null;
    if (readonly()) return;
    if (t?.matches('#editor .editable') && (event.key === 'Enter' || event.key === 'F2')) {
      event.preventDefault();
      edit(t);
      return;
    }
    if (t?.closest('#editor [data-drag]') && ['ArrowUp', 'ArrowDown'].includes(event.key)) {
      onHandleKey(event);
      return;
    }
    const typing = t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    if (!typing && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      travel(event.shiftKey ? 'redo' : 'undo');
    } else if (!typing && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      travel('redo');
    }
  });
  enableDrag(moveBlock);
}

start();
