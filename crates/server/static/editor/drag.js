// @ts-check
// Dragging with pointer events, so mouse, pen and touch work alike: a block picked up by its
// handle, or a method from the library panel. While it moves, the place under the pointer
// shows where it will land (before or after a block, or in an empty day or section); letting
// go puts it there. Escape cancels. Held near the top or bottom of the screen, the page
// scrolls, so a block can travel further than one screen (a phone's usual case).

/** @typedef {{el: HTMLElement, before: boolean} | null} Spot */

/** Every block of the view in flow order. */
function blocks() {
  return [...document.querySelectorAll('#editor [data-block]')].filter((x) => x instanceof HTMLElement);
}

/** Whether the list holding `el` lays its items out side by side. @param {HTMLElement} el */
function sideBySide(el) {
  const list = el.parentElement;
  if (!list) return false;
  const columns = getComputedStyle(list).gridTemplateColumns;
  return Boolean(columns && columns !== 'none' && columns.trim().split(/\s+/).length > 1);
}

/**
 * The place under the pointer: a block (before or after it) or an empty day or section.
 * @param {number} x @param {number} y @param {HTMLElement | null} skip the block being moved
 * @returns {Spot}
 */
export function spotAt(x, y, skip) {
  const under = document.elementFromPoint(x, y);
  const empty = under?.closest('#editor [data-drop-after]');
  if (empty instanceof HTMLElement) return { el: empty, before: false };
  const el = under?.closest('#editor [data-block]');
  if (!(el instanceof HTMLElement) || el === skip) return null;
  const box = el.getBoundingClientRect();
  // Day and section headings take blocks after them.
  if (/^H[1-6]$/.test(el.tagName)) return { el, before: false };
  const before = sideBySide(el) ? x < box.left + box.width / 2 : y < box.top + box.height / 2;
  return { el, before };
}

/** Shows where a drop would land. @param {Spot} spot */
export function mark(spot) {
  for (const el of document.querySelectorAll('.drop-before, .drop-after, .drop-into')) {
    el.classList.remove('drop-before', 'drop-after', 'drop-into');
  }
  if (!spot) return;
  if (spot.el.dataset.dropAfter !== undefined) spot.el.classList.add('drop-into');
  else spot.el.classList.add(spot.before ? 'drop-before' : 'drop-after');
}

/**
 * The block a drop at `spot` goes after (null: first), leaving `skip` out of the flow.
 * @param {NonNullable<Spot>} spot @param {HTMLElement | null} skip
 */
export function anchorOf(spot, skip) {
  if (spot.el.dataset.dropAfter !== undefined) return spot.el.dataset.dropAfter || null;
  const list = blocks().filter((x) => x !== skip);
  const i = list.indexOf(spot.el);
  const anchor = spot.before ? list[i - 1] : spot.el;
  return anchor instanceof HTMLElement ? anchor.dataset.block ?? null : null;
}

/**
 * Follows a drag from a pointerdown until it ends. `begin` says what is dragged; `drop`
 * is told where it landed (the block to go after, null for first).
 * @param {PointerEvent} event
 * @param {{skip: HTMLElement | null, ghost?: HTMLElement, drop: (after: string | null) => unknown}} what
 */
export function follow(event, what) {
  const start = { x: event.clientX, y: event.clientY };
  let active = false;
  /** @type {Spot} */
  let spot = null;
  const source = event.target instanceof Element ? event.target : null;
  if (source instanceof HTMLElement) source.setPointerCapture(event.pointerId);
  const ghost = what.ghost;
  /** @type {PointerEvent | null} */
  let last = null;
  let frame = 0;
  // Near an edge of the screen the page scrolls a little every frame, while the pointer stays.
  const scroll = () => {
    frame = 0;
    if (!active || !last) return;
    const edge = Math.min(64, innerHeight / 8);
    const dy = last.clientY < edge ? -12 : last.clientY > innerHeight - edge ? 12 : 0;
    if (dy === 0) return;
    window.scrollBy(0, dy);
    spot = spotAt(last.clientX, last.clientY, what.skip);
    mark(spot);
    frame = requestAnimationFrame(scroll);
  };
  const move = (/** @type {PointerEvent} */ e) => {
    if (!active && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 4) return;
    active = true;
    last = e;
    if (!frame) frame = requestAnimationFrame(scroll);
    what.skip?.classList.add('dragging');
    if (ghost) {
      if (!ghost.isConnected) document.body.append(ghost);
      ghost.style.transform = `translate(${e.clientX + 8}px, ${e.clientY + 8}px)`;
    }
    spot = spotAt(e.clientX, e.clientY, what.skip);
    mark(spot);
  };
  const end = (/** @type {boolean} */ commit) => {
    document.removeEventListener('pointermove', move);
    document.removeEventListener('pointerup', up);
    document.removeEventListener('pointercancel', cancel);
    document.removeEventListener('keydown', key, true);
    cancelAnimationFrame(frame);
    what.skip?.classList.remove('dragging');
    ghost?.remove();
    mark(null);
    if (commit && active && spot) what.drop(anchorOf(spot, what.skip));
  };
  const up = () => end(true);
  const cancel = () => end(false);
  const key = (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      end(false);
    }
  };
  document.addEventListener('pointermove', move);
  document.addEventListener('pointerup', up);
  document.addEventListener('pointercancel', cancel);
  document.addEventListener('keydown', key, true);
}

/**
 * Blocks move by their handles.
 * @param {(el: HTMLElement, after: string | null) => unknown} move
 */
export function enableDrag(move) {
  document.addEventListener('pointerdown', (event) => {
    const handle = event.target instanceof Element ? event.target.closest('#editor [data-drag]') : null;
    const el = handle?.closest('[data-block]');
    if (!(handle instanceof HTMLElement) || !(el instanceof HTMLElement) || event.button !== 0) return;
    event.preventDefault();
    follow(event, { skip: el, drop: (after) => move(el, after) });
  });
}
