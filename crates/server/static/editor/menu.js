// @ts-check
// Menus drawn as details elements (they open without script): with script, one menu is open
// at a time, a click elsewhere or Escape closes it, a menu near the bottom of the screen opens
// upwards, and a block's action menu gets the roles and arrow keys of a menu.

/** Every item of a menu that can be chosen. @param {Element} menu */
function items(menu) {
  return [...menu.querySelectorAll('.menu-list a[href], .menu-list button')].filter(
    /** @returns {el is HTMLElement} */
    (el) => el instanceof HTMLElement && !el.hidden && !(el instanceof HTMLButtonElement && el.disabled),
  );
}

/** Closes every open menu but `keep`. @param {Element | null} [keep] */
export function closeMenus(keep = null) {
  for (const open of document.querySelectorAll('details.menu[open]')) {
    if (open !== keep) open.removeAttribute('open');
  }
}

/**
 * Where the open menu is, and which of its items (or its summary, -1) has the focus, so that
 * a view drawn anew can open it again: a block's menu by its block, the page's others by
 * their class.
 * @returns {{selector: string, focused: number | null} | null}
 */
export function openMenuState() {
  const menu = document.querySelector('main details.menu[open]');
  if (!(menu instanceof HTMLDetailsElement)) return null;
  const block = menu.closest('[data-block]');
  const own = [...menu.classList].find((c) => c !== 'menu');
  const selector = block instanceof HTMLElement
    ? `main [data-block="${block.dataset.block}"] details.menu`
    : own ? `main details.menu.${own}` : null;
  if (!selector) return null;
  const active = document.activeElement;
  let focused = null;
  if (active instanceof HTMLElement && menu.contains(active)) {
    focused = active.closest('summary') ? -1 : items(menu).indexOf(active);
  }
  return { selector, focused };
}

/**
 * Opens again the menu `openMenuState` found, if it is still there, with the focus where it was.
 * @param {{selector: string, focused: number | null} | null} state
 */
export function reopenMenu(state) {
  const menu = state ? document.querySelector(state.selector) : null;
  if (!state || !(menu instanceof HTMLDetailsElement)) return;
  menu.open = true;
  if (state.focused === -1) menu.querySelector('summary')?.focus();
  else if (state.focused !== null) items(menu)[state.focused]?.focus();
}

/** Opens a menu and focuses its first item. @param {HTMLDetailsElement} menu */
export function openMenu(menu) {
  menu.open = true;
  const first = items(menu)[0];
  if (first instanceof HTMLElement) first.focus();
}

/** @param {HTMLDetailsElement} menu */
function placed(menu) {
  closeMenus(menu);
  const list = menu.querySelector('.menu-list');
  if (menu.classList.contains('row-menu') && list) {
    list.setAttribute('role', 'menu');
    list.setAttribute('aria-label', menu.querySelector('summary')?.getAttribute('aria-label') ?? '');
    for (const item of items(menu)) item.setAttribute('role', 'menuitem');
  }
  menu.classList.remove('up');
  const box = list?.getBoundingClientRect();
  // Room above counts from the foot of the sticky session bar, which would cover the menu.
  const bar = document.querySelector('.session-bar')?.getBoundingClientRect().bottom ?? 0;
  const room = menu.getBoundingClientRect().top - Math.max(0, bar);
  if (box && box.bottom > window.innerHeight && room > box.height) menu.classList.add('up');
}

export function enableMenus() {
  document.addEventListener('toggle', (event) => {
    const menu = event.target;
    if (menu instanceof HTMLDetailsElement && menu.matches('details.menu') && menu.open) placed(menu);
  }, true);
  document.addEventListener('click', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    const inside = t?.closest('details.menu');
    closeMenus(inside ?? null);
    // Choosing an item closes its menu.
    if (inside instanceof HTMLDetailsElement && t?.closest('.menu-list a, .menu-list button')) inside.open = false;
  });
  document.addEventListener('keydown', (event) => {
    const t = event.target instanceof HTMLElement ? event.target : null;
    const menu = t?.closest('details.menu[open]');
    if (!(menu instanceof HTMLDetailsElement)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      menu.open = false;
      menu.dispatchEvent(new CustomEvent('menu-closed', { bubbles: true }));
      return;
    }
    if (!menu.classList.contains('row-menu') || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const list = items(menu);
    if (!list.length) return;
    event.preventDefault();
    const i = list.indexOf(/** @type {HTMLElement} */ (t));
    const next = {
      ArrowDown: list[(i + 1) % list.length],
      ArrowUp: list[(i - 1 + list.length) % list.length],
      Home: list[0],
      End: list[list.length - 1],
    }[event.key];
    next?.focus();
  });
}
