// @ts-check
// The editor island of the Programme and the Design: edit in place, add, delete, reorder by
// drag (mouse, pen or touch) and by the keyboard, undo and redo. Every change is an op sent
// through the live channel (or the HTTP op path); the server then renders the view again, so
// times and totals always come from one place. Others' changes arrive on the live channel and
// redraw the view the same way; who is here, and what they edit, shows beside it. The
// Programme is a grid (one Tab stop, arrow keys between cells, shortcuts for the rest).
// Viewers and commenters get the live view and the grid without the editing controls. The
// page works without this script.

import { enableEditSheet } from './sheet.js';
import { History } from './history.js';
import { Refused, insertMethod, newId, send, useChannel } from './ops.js';
import { enableDrag } from './drag.js';
import { enableLibrary } from './library.js';
import { startEditing } from './inline.js';
import { Live } from './live.js';
import { cellOf, navigate, position, setCurrent, setupGrid } from './grid.js';
import { closeMenus, enableMenus, openMenu, openMenuState, reopenMenu } from './menu.js';

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

/** @returns {HTMLTableElement | null} */
function grid() {
  const t = document.querySelector('#editor table[data-grid]');
  return t instanceof HTMLTableElement ? t : null;
}

/** True when the reader may not change the session. */
function readonly() {
  return root()?.dataset.readonly !== undefined;
}

/** @type {Live | null} */
let live = null;
/** Who is here, as last heard. @type {{people: import('./live.js').Here[], me: string}} */
let here = { people: [], me: '' };
/** The newest version others wrote while this person was typing in a field; 0 for none. */
let stale = 0;
/** Blocks whose details are open, and sections whose blocks are hidden, kept across redraws. */
const opened = new Set();
const folded = new Set();

/** Every block element in flow order. @param {ParentNode} [scope] @returns {HTMLElement[]} */
export function flow(scope = root() ?? document) {
  return [...scope.querySelectorAll('[data-block]')].filter((el) => el instanceof HTMLElement);
}

/** @param {string} text */
function announce(text) {
  const box = document.querySelector('[data-announce]');
  if (box) {
    box.textContent = '';
    // A new text node after a tick makes screen readers speak it again.
    setTimeout(() => { box.textContent = text; }, 30);
  }
}

/** @param {string | null} text */
function showError(text) {
  const box = document.querySelector('[data-editor-error]');
  if (!(box instanceof HTMLElement)) return;
  box.textContent = text ?? '';
  box.hidden = !text;
}

/** Focuses `el`, or in the grid the cell that holds it (a row's title). @param {Element | null | undefined} el */
function focusOn(el) {
  const target = el instanceof HTMLTableRowElement ? el.querySelector('td.title, th.heading') ?? el.cells[0] : el;
  const cell = cellOf(target ?? null);
  if (cell) setCurrent(cell);
  else if (target instanceof HTMLElement) target.focus();
}

/**
 * Fetches the page again and swaps in its main content, keeping the place in the grid, the
 * open details and the focus (on `keep` when given).
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
  const table = grid();
  const at = table ? position(table) : null;
  const scrollY = window.scrollY;
  const menu = openMenuState();
  main.replaceChildren(...[...fresh.childNodes].map((n) => document.adoptNode(n)));
  window.scrollTo(0, scrollY);
  setup(at);
  if (keep.block) {
    const el = document.querySelector(`[data-block="${keep.block}"]`);
    focusOn(keep.focus ? el?.querySelector(keep.focus) ?? el : el);
  }
  // A menu open while others changed the session stays open, its focused item focused.
  reopenMenu(menu);
}

/** @type {History | null} */
let history = null;
/**
 * Opens a block's fields in a sheet; null for a reader, or without the sheet.
 * @type {((href: string, block: string) => Promise<void>) | null}
 */
let openSheet = null;
let busy = Promise.resolve();

/**
 * Applies a change, records it for undo and redraws. Changes run one after another. Answers
 * null when it was applied, or why not; a refused change shows its reason above the view,
 * unless `inline` asks to leave that to the caller (an edit in place shows it beside itself).
 * @param {{redo: Op[], undo: Op[]}} entry
 * @param {{message?: string, block?: string, focus?: string, record?: boolean, inline?: boolean}} [opts]
 * @returns {Promise<string | null>}
 */
export function change(entry, opts = {}) {
  const run = busy.then(async () => {
    const el = root();
    if (!el || !history) return null;
    try {
      await send(el.dataset.session ?? '', entry.redo);
      if (opts.record !== false) history.push(entry);
      showError(null);
      await refresh(opts);
      announce(opts.message ?? say('editor-saved'));
      return null;
    } catch (e) {
      const reason = why(e);
      if (opts.inline) return reason;
      showError(reason);
      await refresh(opts).catch(() => {});
      return reason;
    }
  });
  busy = run.then(() => {}, () => {});
  return run;
}

/** The reader's words for why a change did not happen. @param {unknown} e */
function why(e) {
  if (e instanceof Refused) return say('editor-failed', { reason: strings[`op-error-${e.code}`] ?? e.code });
  return say('editor-offline');
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
      showError(why(e));
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
  const inGrid = Boolean(cellOf(document.activeElement));
  return change(
    { redo: [{ type: 'move_block', block, after }], undo: [{ type: 'move_block', block, after: before }] },
    { message: say('editor-moved', { title: el.dataset.title ?? '', position }), ...(inGrid ? {} : { block, focus: '[data-drag]' }) },
  );
}

/** Moves a block one place up or down. @param {HTMLElement} el @param {'up' | 'down'} dir */
function step(el, dir) {
  const list = flow();
  const i = list.indexOf(el);
  if (dir === 'up' && i > 0) moveBlock(el, i >= 2 ? list[i - 2].dataset.block ?? null : null);
  else if (dir === 'down' && i >= 0 && i < list.length - 1) moveBlock(el, list[i + 1].dataset.block ?? null);
}

/** Adds an activity after a block (at the end when none) and opens its title for editing. @param {HTMLElement | null} el */
function insertAfter(el) {
  insertAt(el ? el.dataset.block ?? null : flow().at(-1)?.dataset.block ?? null);
}

/** Adds an activity after the block `after` (first when null) and opens its title. @param {string | null} after */
function insertAt(after) {
  const block = newId();
  /** @type {Op[]} */
  const redo = [{
    type: 'insert_block', block, kind: 'activity', after,
    fields: [{ field: 'title', value: say('editor-new-activity') }, { field: 'minutes', value: 15 }],
  }];
  change({ redo, undo: [{ type: 'delete_block', block }] }, { message: say('editor-inserted'), block }).then((problem) => {
    const title = document.querySelector(`[data-block="${block}"] [data-field="title"]`);
    if (problem === null && title instanceof HTMLElement) edit(title);
  });
}

/**
 * Puts a library method into the plan as a new block, undoably: after the block `after`
 * (first when null; when undefined, after the selected block, or at the end).
 * @param {string} method @param {string} title @param {string | null | undefined} after
 */
function addMethod(method, title, after) {
  const el = root();
  if (!el || !history) return;
  const recorded = history;
  const session = el.dataset.session ?? '';
  const anchor = after === undefined ? currentRow()?.dataset.block ?? flow().at(-1)?.dataset.block ?? null : after;
  busy = busy.then(async () => {
    try {
      // The server puts a method at the end when told no block; first place is a move.
      const block = await insertMethod(session, method, anchor ?? flow().at(-1)?.dataset.block ?? null);
      if (anchor === null && flow().length > 0) await send(session, [{ type: 'move_block', block, after: null }]);
      recorded.push({ redo: [{ type: 'restore_block', block }], undo: [{ type: 'delete_block', block }] });
      showError(null);
      await refresh({ block });
      announce(say('editor-method-added', { title }));
    } catch (e) {
      showError(why(e));
    }
  });
}

/** Deletes a block, undoably (undo restores it in its place). @param {HTMLElement} el */
function deleteBlock(el) {
  const block = el.dataset.block ?? '';
  const list = flow();
  const i = list.indexOf(el);
  const neighbour = list[i + 1] ?? list[i - 1];
  change(
    { redo: [{ type: 'delete_block', block }], undo: [{ type: 'restore_block', block }] },
    { message: say('editor-deleted', { title: el.dataset.title ?? '' }), ...(neighbour?.dataset.block ? { block: neighbour.dataset.block } : {}) },
  );
}

/**
 * A field edited in place set to `text`, as the op contract has it; null for any other.
 * @param {string} field @param {string} text
 * @returns {import('./op-types.js').BlockField | null}
 */
function inPlace(field, text) {
  switch (field) {
    case 'title':
    case 'lead':
      return { field, value: text };
    case 'minutes':
      return { field, value: Number(text) };
    default:
      return null;
  }
}

/**
 * Saves an edited field of a block, undoably. Answers null when it was saved, or why not.
 * @param {HTMLElement} cell the element with data-field and data-value
 * @param {string} text the new value as typed
 * @returns {Promise<string | null>}
 */
async function saveField(cell, text) {
  const el = cell.closest('[data-block]');
  if (!(el instanceof HTMLElement)) return null;
  const field = cell.dataset.field ?? '';
  const old = cell.dataset.value ?? '';
  if (text === old) return null;
  if (field === 'minutes' && (!/^\d+$/.test(text.trim()) || Number(text) > 1440)) {
    return say('editor-failed', { reason: strings['op-error-duration_out_of_range'] ?? '' });
  }
  const set = inPlace(field, text.trim());
  const back = inPlace(field, old);
  if (!set || !back) return null;
  const block = el.dataset.block ?? '';
  return change(
    {
      redo: [{ type: 'set_block', block, set }],
      undo: [{ type: 'set_block', block, set: back }],
    },
    { block, focus: `[data-field="${field}"]`, inline: true },
  );
}

/**
 * Starts editing a cell in place and tells the others which block it is.
 * @param {HTMLElement} cell
 */
function edit(cell) {
  const block = cell.closest('[data-block]');
  const blockId = block instanceof HTMLElement ? block.dataset.block ?? '' : '';
  const field = cell.dataset.field ?? '';
  live?.editing(blockId || null);
  startEditing(cell, {
    save: saveField,
    ended: (saved) => {
      live?.editing(null);
      if (!saved) focusOn(document.querySelector(`[data-block="${blockId}"] [data-field="${field}"]`));
      if (stale) {
        const version = stale;
        stale = 0;
        redraw(version);
      }
    },
  });
}

/** True while a field is being typed in. */
function typing() {
  return Boolean(root()?.querySelector('.inline-input'));
}

/** The version of the session the page shows. */
function shown() {
  return Number(root()?.dataset.version ?? 0);
}

/**
 * Draws the view again after a change that reached the session at `version`, after any change
 * of this person's in flight, unless the page already shows it (a save from the edit sheet
 * redraws by itself, and its op comes back over the live channel too).
 * @param {number} version
 */
function redraw(version) {
  if (typing()) {
    stale = Math.max(stale, version);
    return;
  }
  busy = busy.then(() => (shown() >= version ? undefined : refresh().catch(() => {})));
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
    const spot = el?.querySelector('.title-line, th.heading, .card-title') ?? el;
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
  if (box instanceof HTMLElement) {
    box.hidden = false;
    box.dataset.state = state;
  }
  const status = document.querySelector('[data-live-status]');
  if (status) status.textContent = say(`live-${state}`);
}

/** Opens the live channel of the session on this page. */
function goLive() {
  const el = root();
  if (!el || typeof WebSocket === 'undefined') return;
  let state = /** @type {'connecting' | 'connected' | 'offline'} */ ('connecting');
  live = new Live(el.dataset.session ?? '', Number(el.dataset.version ?? 0), {
    remote: (version) => redraw(version),
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
  for (const row of document.querySelectorAll('#editor table[data-grid] tr[data-kind="section"]')) {
    const th = row.querySelector('th');
    if (!th || th.querySelector('[data-collapse]') || !(row instanceof HTMLElement)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary small';
    button.dataset.collapse = '';
    button.tabIndex = -1;
    th.prepend(button, ' ');
    fold(button, !folded.has(row.dataset.block));
  }
}

/** Shows or hides the blocks of a section. @param {HTMLButtonElement} button @param {boolean} open */
function fold(button, open) {
  const row = button.closest('tr');
  if (!(row instanceof HTMLElement)) return;
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? '▾' : '▸';
  button.setAttribute('aria-label', say(open ? 'editor-collapse' : 'editor-expand', { title: row.dataset.title ?? '' }));
  if (open) folded.delete(row.dataset.block); else folded.add(row.dataset.block);
  let next = row.nextElementSibling;
  while (next instanceof HTMLElement && !['section', 'day'].includes(next.dataset.kind ?? '')) {
    next.hidden = !open;
    next = next.nextElementSibling;
  }
}

/** Whether every block's details are open, as the reader last chose (kept per browser). */
function allOpen() {
  try { return localStorage.getItem('plenary.details') === 'all'; } catch { return false; }
}

/** Opens or closes every block's details. @param {boolean} open */
function openAll(open) {
  // Kept between visits only with functional cookies allowed (app.js clears it otherwise).
  const remember = (document.documentElement.dataset.consent ?? '').split(' ').includes('functional');
  if (remember) {
    try { localStorage.setItem('plenary.details', open ? 'all' : ''); } catch { /* private mode */ }
  }
  opened.clear();
  for (const d of document.querySelectorAll('#editor details.more')) {
    if (d instanceof HTMLDetailsElement) d.open = open;
  }
  const button = document.querySelector('[data-expand-all]');
  button?.setAttribute('aria-pressed', String(open));
}

/** The block whose row last held focus in the grid, if the reader has been there. */
let lastBlock = '';

/** That row, if it is still there. */
function currentRow() {
  const row = lastBlock ? document.querySelector(`#editor [data-block="${lastBlock}"]`) : null;
  return row instanceof HTMLElement ? row : null;
}

/** Shows the island's controls and wires what cannot be delegated. @param {ReturnType<typeof position>} [at] */
function setup(at = null) {
  const el = root();
  if (!el) return;
  const data = document.getElementById('editor-strings');
  if (data?.textContent) {
    try { strings = JSON.parse(data.textContent); } catch { /* keep the last strings */ }
  }
  el.dataset.enhanced = '';
  const all = allOpen();
  for (const d of el.querySelectorAll('details.more')) {
    const block = d.closest('[data-block]');
    if (d instanceof HTMLDetailsElement && block instanceof HTMLElement) d.open = all || opened.has(block.dataset.block);
  }
  el.querySelector('[data-expand-all]')?.setAttribute('aria-pressed', String(all));
  addCollapsers();
  if (live) {
    el.querySelector('[data-presence]')?.removeAttribute('hidden');
    showStatus(live.open ? 'connected' : 'connecting');
    showPresence();
  }
  for (const hidden of el.querySelectorAll('[data-editor-bar]')) {
    if (hidden instanceof HTMLElement) hidden.hidden = false;
  }
  if (!readonly()) {
    for (const hidden of el.querySelectorAll('[data-drag], [data-insert-after], [data-add-after]')) {
      if (hidden instanceof HTMLElement) hidden.hidden = false;
    }
    for (const cell of el.querySelectorAll('.editable')) {
      if (!(cell instanceof HTMLElement)) continue;
      cell.tabIndex = 0;
      cell.setAttribute('role', 'button');
      cell.title = say('editor-edit-hint');
      // An empty field still has a name: what it is.
      const label = /** @type {HTMLElement | null} */ (cell.closest('[data-label]'))?.dataset.label;
      if (label && !cell.textContent?.trim()) cell.setAttribute('aria-label', say('editor-set', { field: label }));
    }
    const undo = el.querySelector('[data-undo]');
    const redo = el.querySelector('[data-redo]');
    if (undo instanceof HTMLButtonElement) undo.disabled = !history?.canUndo();
    if (redo instanceof HTMLButtonElement) redo.disabled = !history?.canRedo();
  }
  const table = grid();
  if (table) setupGrid(table, at);
}

/** Keys on a cell of the Programme beyond moving between cells. @param {KeyboardEvent} event @param {HTMLTableCellElement} cell */
function onCellKey(event, cell) {
  const row = cell.closest('[data-block]');
  const block = row instanceof HTMLElement ? row : null;
  const key = event.key;
  const editable = cell.querySelector('.editable');
  if (key === ' ' || key === 'Spacebar') {
    const collapse = cell.querySelector('[data-collapse]');
    const details = block?.querySelector('details.more');
    if (collapse instanceof HTMLButtonElement) fold(collapse, collapse.getAttribute('aria-expanded') !== 'true');
    else if (details instanceof HTMLDetailsElement) details.open = !details.open;
    else return;
    event.preventDefault();
    return;
  }
  if (readonly() || !block) return;
  if (event.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
    event.preventDefault();
    step(block, key === 'ArrowUp' ? 'up' : 'down');
  } else if (key === 'Enter' || key === 'F2') {
    const menu = cell.querySelector('details.menu');
    event.preventDefault();
    if (editable instanceof HTMLElement) edit(editable);
    else if (menu instanceof HTMLDetailsElement) openMenu(menu);
  } else if (event.ctrlKey || event.metaKey || event.altKey) {
    // Leave the browser's own shortcuts alone.
  } else if (key === 'n' || key === 'N' || key === 'Insert') {
    event.preventDefault();
    insertAfter(block);
  } else blockKey(event, block);
}

/**
 * The shortcuts a block answers wherever its focus is: E opens its form, Delete deletes it.
 * @param {KeyboardEvent} event @param {HTMLElement} block
 */
function blockKey(event, block) {
  if (event.key === 'e' || event.key === 'E') {
    const link = block.querySelector('a[data-form]');
    if (link instanceof HTMLAnchorElement) {
      event.preventDefault();
      if (openSheet) openSheet(link.href, block.dataset.block ?? '');
      else location.assign(link.href);
    }
  } else if (event.key === 'Delete') {
    event.preventDefault();
    deleteBlock(block);
  }
}

function showShortcuts() {
  const dialog = document.getElementById('shortcuts');
  if (dialog instanceof HTMLDialogElement && !dialog.open) dialog.showModal();
}

function start() {
  const el = root();
  if (!el) return;
  history = new History(el.dataset.session ?? '');
  // The sheet's redraw waits its turn, as a change's does, so that redraws never overlap.
  if (!readonly()) {
    openSheet = enableEditSheet((keep) => {
      const run = busy.then(() => refresh(keep));
      busy = run.catch(() => {});
      return run;
    });
  }
  goLive();
  setup();
  enableMenus();
  document.addEventListener('toggle', (event) => {
    const d = event.target;
    const block = d instanceof HTMLDetailsElement && d.matches('#editor details.more') ? d.closest('[data-block]') : null;
    if (!(block instanceof HTMLElement) || !(d instanceof HTMLDetailsElement)) return;
    if (d.open) opened.add(block.dataset.block); else opened.delete(block.dataset.block);
  }, true);
  document.addEventListener('click', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    if (!t || !t.closest('#editor')) return;
    // A click in the grid moves its Tab stop there.
    const cell = cellOf(t);
    if (cell) setCurrent(cell, false);
    const collapse = t.closest('[data-collapse]');
    if (collapse instanceof HTMLButtonElement) {
      fold(collapse, collapse.getAttribute('aria-expanded') !== 'true');
      return;
    }
    const expand = t.closest('[data-expand-all]');
    if (expand) {
      openAll(expand.getAttribute('aria-pressed') !== 'true');
      return;
    }
    if (t.closest('[data-shortcuts]')) {
      showShortcuts();
      return;
    }
    if (readonly()) return;
    const editable = t.closest('.editable');
    if (editable instanceof HTMLElement && !editable.querySelector('input')) {
      edit(editable);
      return;
    }
    const addHere = t.closest('[data-add-after]');
    if (addHere instanceof HTMLElement) {
      insertAt(addHere.dataset.addAfter || null);
      return;
    }
    const add = t.closest('[data-add]');
    if (add) {
      event.preventDefault();
      insertAfter(currentRow());
      return;
    }
    const form = t.closest('a[data-form]');
    if (form instanceof HTMLAnchorElement && openSheet && event instanceof MouseEvent && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      closeMenus();
      const block = form.closest('[data-block]');
      openSheet(form.href, block instanceof HTMLElement ? block.dataset.block ?? '' : '');
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
    const block = form?.closest('#editor [data-block]');
    if (!(block instanceof HTMLElement) || !form) return;
    if (form.matches('[data-delete]')) {
      event.preventDefault();
      deleteBlock(block);
    } else if (form.matches('[data-move]')) {
      // Move up and Move down are the form's two submit buttons, told apart by their value.
      const dir = event instanceof SubmitEvent && event.submitter instanceof HTMLButtonElement ? event.submitter.value : '';
      if (dir === 'up' || dir === 'down') {
        event.preventDefault();
        step(block, dir);
      }
    }
  });
  // Escape in a block's menu gives focus back to its cell.
  document.addEventListener('menu-closed', (event) => focusOn(event.target instanceof Element ? event.target : null));
  document.addEventListener('keydown', (event) => {
    const t = event.target instanceof HTMLElement ? event.target : null;
    if (event.defaultPrevented || !t) return;
    const typingHere = t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName);
    if (t instanceof HTMLTableCellElement && t.closest('#editor table[data-grid]')) {
      if (navigate(event)) return;
      onCellKey(event, t);
      if (event.defaultPrevented) return;
    }
    if (typingHere || readonly()) return;
    if (t.matches('#editor .editable') && (event.key === 'Enter' || event.key === 'F2')) {
      event.preventDefault();
      edit(t);
    } else if (t.closest('#editor [data-drag]') && ['ArrowUp', 'ArrowDown'].includes(event.key)) {
      const block = t.closest('[data-block]');
      event.preventDefault();
      if (block instanceof HTMLElement) step(block, event.key === 'ArrowUp' ? 'up' : 'down');
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      travel(event.shiftKey ? 'redo' : 'undo');
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      travel('redo');
    } else if (['n', 'N', 'e', 'E', 'Delete'].includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey
      && t.closest('#editor .block-card') && !t.closest('details.menu')) {
      // A card on the Design answers N, E and Delete wherever on it the focus is.
      const card = /** @type {HTMLElement} */ (t.closest('.block-card'));
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        insertAfter(card);
      } else blockKey(event, card);
    } else if (event.key === '?' && document.getElementById('shortcuts')) {
      event.preventDefault();
      showShortcuts();
    }
  });
  enableDrag(moveBlock);
  if (!readonly()) enableLibrary({ add: addMethod, say });
  // Menus close when the grid loses focus to elsewhere on the page.
  document.addEventListener('focusin', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    if (!t?.closest('details.menu')) closeMenus();
    const cell = cellOf(t);
    // Focus on a control in a cell (by pointer) makes that cell the grid's Tab stop.
    if (cell && cell !== t) setCurrent(cell, false);
    const row = cell?.closest('[data-block]');
    if (row instanceof HTMLElement) lastBlock = row.dataset.block ?? '';
  });
}

start();
