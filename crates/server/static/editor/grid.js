// @ts-check
// The Programme as an ARIA grid: the table is one Tab stop; the arrow keys move between rows
// and cells, Home and End to the ends of a row (with Ctrl, of the table). The controls inside
// cells leave the Tab order (a pointer still reaches them); what a key does to a cell beyond
// moving is the editor's business. Open details keep their links in the Tab order.

const FOCUSABLE = 'a[href], button, summary, input, select, textarea, [tabindex]';

/** The grid's cells, row by row. @param {HTMLTableElement} table */
function rows(table) {
  return [...table.rows].map((tr) => [...tr.cells]);
}

/** The first column a cell covers. @param {HTMLTableCellElement} cell */
function column(cell) {
  let col = 0;
  for (let c = cell.previousElementSibling; c; c = c.previousElementSibling) {
    if (c instanceof HTMLTableCellElement) col += c.colSpan;
  }
  return col;
}

/** The cell of `row` that covers column `col`, or its last one. @param {HTMLTableCellElement[]} row @param {number} col */
function cellAt(row, col) {
  for (const cell of row) {
    const start = column(cell);
    if (col >= start && col < start + cell.colSpan) return cell;
  }
  return row[row.length - 1];
}

/** The cell that holds `el`, if it is in a grid. @param {Element | null} el */
export function cellOf(el) {
  const cell = el?.closest('td, th');
  return cell instanceof HTMLTableCellElement && cell.closest('table[data-grid]') ? cell : null;
}

/** Makes `cell` the grid's one Tab stop, and focuses it unless told not to. @param {HTMLTableCellElement} cell */
export function setCurrent(cell, focus = true) {
  const table = cell.closest('table');
  if (!table) return;
  for (const old of table.querySelectorAll('td[tabindex="0"], th[tabindex="0"]')) old.setAttribute('tabindex', '-1');
  cell.tabIndex = 0;
  if (focus) cell.focus();
}

/** Where focus is in the grid, to find the same place after a redraw. @param {HTMLTableElement} table */
export function position(table) {
  const cell = table.querySelector('td[tabindex="0"], th[tabindex="0"]');
  if (!(cell instanceof HTMLTableCellElement)) return null;
  const tr = cell.parentElement;
  return {
    block: tr instanceof HTMLElement ? tr.dataset.block ?? null : null,
    row: tr instanceof HTMLTableRowElement ? tr.rowIndex : 0,
    col: column(cell),
    focused: table.contains(document.activeElement),
  };
}

/**
 * Sets the grid up: roles, one Tab stop (at `at` when given), controls out of the Tab order.
 * @param {HTMLTableElement} table
 * @param {{block: string | null, row: number, col: number, focused: boolean} | null} at
 */
export function setupGrid(table, at) {
  table.setAttribute('role', 'grid');
  for (const tr of table.rows) {
    tr.setAttribute('role', 'row');
    for (const cell of tr.cells) {
      const head = tr.parentElement?.tagName === 'THEAD';
      cell.setAttribute('role', head ? 'columnheader' : cell.tagName === 'TH' ? 'rowheader' : 'gridcell');
      cell.tabIndex = -1;
      for (const el of cell.querySelectorAll(FOCUSABLE)) {
        if (el instanceof HTMLElement && !el.closest('.more-body, .menu-list')) el.tabIndex = -1;
      }
    }
  }
  let row = at?.block ? table.querySelector(`tr[data-block="${at.block}"]`) : null;
  if (!(row instanceof HTMLTableRowElement) && at) row = table.rows[Math.min(at.row, table.rows.length - 1)] ?? null;
  const all = rows(table);
  const start = row instanceof HTMLTableRowElement ? cellAt([...row.cells], at?.col ?? 0) : all[1]?.[1] ?? all[0]?.[0];
  if (start) setCurrent(start, Boolean(at?.focused));
}

/**
 * Moves between cells with the arrow keys, Home, End, Page Up and Page Down. Returns true
 * when it handled the key.
 * @param {KeyboardEvent} event
 */
export function navigate(event) {
  const cell = event.target instanceof HTMLTableCellElement ? event.target : null;
  const table = cell?.closest('table[data-grid]');
  if (!cell || !(table instanceof HTMLTableElement) || event.altKey || event.shiftKey) return false;
  const all = rows(table);
  const tr = cell.parentElement;
  const r = tr instanceof HTMLTableRowElement ? tr.rowIndex : 0;
  const row = all[r];
  const i = row.indexOf(cell);
  const col = column(cell);
  /** @type {HTMLTableCellElement | undefined} */
  let next;
  const visible = (/** @type {number} */ k) => all[k] && !(/** @type {HTMLElement} */ (all[k][0].parentElement).hidden);
  const vertical = (/** @type {number} */ step, /** @type {number} */ count = 1) => {
    let k = r;
    let moved = 0;
    for (let j = r + step; j >= 0 && j < all.length && moved < count; j += step) {
      if (visible(j)) {
        k = j;
        moved += 1;
      }
    }
    return k === r ? undefined : cellAt(all[k], col);
  };
  switch (event.key) {
    case 'ArrowRight': next = row[i + 1]; break;
    case 'ArrowLeft': next = row[i - 1]; break;
    case 'ArrowDown': next = vertical(1); break;
    case 'ArrowUp': next = vertical(-1); break;
    case 'PageDown': next = vertical(1, 10); break;
    case 'PageUp': next = vertical(-1, 10); break;
    case 'Home': next = event.ctrlKey ? all[1]?.[0] ?? all[0][0] : row[0]; break;
    case 'End': next = event.ctrlKey ? all[all.length - 1].at(-1) : row.at(-1); break;
    default: return false;
  }
  event.preventDefault();
  if (next) setCurrent(next);
  return true;
}
