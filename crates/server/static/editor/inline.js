// @ts-check
// Editing a field in place: the text becomes an input; Enter or leaving saves, Escape
// cancels and puts the text back.

/**
 * @param {HTMLElement} cell an element with data-field and data-value
 * @param {(cell: HTMLElement, value: string) => void} save
 * @param {() => void} [ended] called when editing ends, saved or not
 */
export function startEditing(cell, save, ended = () => {}) {
  if (cell.querySelector('input')) return;
  const field = cell.dataset.field ?? '';
  const shown = [...cell.childNodes];
  const input = document.createElement('input');
  input.type = field === 'minutes' ? 'number' : 'text';
  if (field === 'minutes') {
    input.min = '0';
    input.max = '1440';
    input.inputMode = 'numeric';
  } else {
    input.maxLength = 200;
  }
  input.value = cell.dataset.value ?? '';
  input.className = 'inline-input';
  const label = cell.closest('[data-block]')?.getAttribute('data-title') ?? '';
  const header = cell.closest('table')?.querySelectorAll('thead th')[cellIndex(cell)]?.textContent ?? field;
  input.setAttribute('aria-label', `${header}: ${label}`);
  cell.replaceChildren(input);
  cell.removeAttribute('role');
  input.focus();
  input.select();
  let done = false;
  /** @param {boolean} keep */
  const finish = (keep) => {
    if (done) return;
    done = true;
    const value = input.value;
    cell.replaceChildren(...shown);
    cell.setAttribute('role', 'button');
    ended();
    if (keep) save(cell, value);
    else cell.focus();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  });
  input.addEventListener('blur', () => finish(true));
}

/** The column of the table cell holding `el`. @param {HTMLElement} el */
function cellIndex(el) {
  const td = el.closest('td, th');
  return td instanceof HTMLTableCellElement ? td.cellIndex : 0;
}
