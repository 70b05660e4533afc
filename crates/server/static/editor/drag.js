// @ts-check
// Reordering by drag with pointer events, so mouse, pen and touch work alike. A block is
// picked up by its handle; while it moves, the block under the pointer shows where it will
// land (before or after it); letting go moves it there. Escape cancels.

/**
 * @param {(el: HTMLElement, after: string | null) => unknown} move
 */
export function enableDrag(move) {
  /** @type {{el: HTMLElement, x: number, y: number, active: boolean, target: HTMLElement | null, before: boolean} | null} */
  let drag = null;

  const clear = () => {
    for (const el of document.querySelectorAll('.drop-before, .drop-after, .dragging')) {
      el.classList.remove('drop-before', 'drop-after', 'dragging');
    }
  };

  document.addEventListener('pointerdown', (event) => {
    const handle = event.target instanceof Element ? event.target.closest('#editor [data-drag]') : null;
    const el = handle?.closest('[data-block]');
    if (!(handle instanceof HTMLElement) || !(el instanceof HTMLElement) || event.button !== 0) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    drag = { el, x: event.clientX, y: event.clientY, active: false, target: null, before: false };
  });

  document.addEventListener('pointermove', (event) => {
    if (!drag) return;
    if (!drag.active && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 4) return;
    drag.active = true;
    drag.el.classList.add('dragging');
    const under = document.elementFromPoint(event.clientX, event.clientY)?.closest('#editor [data-block]');
    for (const el of document.querySelectorAll('.drop-before, .drop-after')) el.classList.remove('drop-before', 'drop-after');
    if (!(under instanceof HTMLElement) || under === drag.el) {
      drag.target = null;
      return;
    }
    const box = under.getBoundingClientRect();
    // Day and section headings take blocks after them.
    const heading = /^H[1-6]$/.test(under.tagName);
    drag.before = !heading && event.clientY < box.top + box.height / 2;
    drag.target = under;
    under.classList.add(drag.before ? 'drop-before' : 'drop-after');
  });

  const end = (/** @type {boolean} */ commit) => {
    const d = drag;
    drag = null;
    clear();
    if (!d || !d.active || !d.target || !commit) return;
    const list = [...document.querySelectorAll('#editor [data-block]')].filter((x) => x !== d.el);
    const i = list.indexOf(d.target);
    const anchor = d.before ? list[i - 1] : d.target;
    move(d.el, anchor instanceof HTMLElement ? anchor.dataset.block ?? null : null);
  };
  document.addEventListener('pointerup', () => end(true));
  document.addEventListener('pointercancel', () => end(false));
  document.addEventListener('keydown', (event) => {
    if (drag && event.key === 'Escape') end(false);
  });
}
