// @ts-check
// Editing a field in place: the text becomes an input; Enter or leaving saves, Escape cancels
// and puts the text back. A refused value stays in the input with the reason beside it until
// it is fixed or the edit is cancelled.

let serial = 0;

/**
 * @param {HTMLElement} cell an element with data-field and data-value
 * @param {{
 *   save: (cell: HTMLElement, value: string) => Promise<string | null>,
 *   ended?: (saved: boolean) => void,
 *   value?: string,
 *   error?: string,
 * }} o `save` answers null when the value was taken, or why it was refused
 */
export function startEditing(cell, o) {
  if (cell.querySelector('input')) return;
  const ended = o.ended ?? (() => {});
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
  input.value = o.value ?? cell.dataset.value ?? '';
  input.className = 'inline-input';
  const label = cell.closest('[data-block]')?.getAttribute('data-title') ?? '';
  const header = cell.closest('table')?.querySelectorAll('thead th')[columnOf(cell)]?.textContent?.trim() || field;
  input.setAttribute('aria-label', `${header}: ${label}`);
  const note = document.createElement('span');
  note.className = 'inline-error';
  note.id = `inline-error-${++serial}`;
  note.hidden = true;
  cell.replaceChildren(input, note);
  cell.removeAttribute('role');
  input.focus();
  input.select();
  let done = false;
  let saving = false;
  /** The value last refused, kept with its reason until changed and taken, or cancelled. */
  let refused = o.error ? input.value : null;

  /** @param {string | undefined} problem */
  const show = (problem) => {
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', note.id);
      note.textContent = problem;
      note.hidden = false;
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      note.hidden = true;
    }
  };
  show(o.error);

  /** @param {boolean} saved */
  const close = (saved) => {
    if (done) return;
    done = true;
    cell.replaceChildren(...shown);
    ended(saved);
  };
  const commit = async () => {
    if (done || saving) return;
    const value = input.value;
    if (value === (cell.dataset.value ?? '')) {
      close(false);
      return;
    }
    saving = true;
    input.setAttribute('aria-busy', 'true');
    const problem = await o.save(cell, value);
    saving = false;
    input.removeAttribute('aria-busy');
    if (problem === null) {
      close(true);
    } else {
      refused = value;
      show(problem);
      if (input.isConnected && document.activeElement !== input) input.focus();
    }
  };
  input.addEventListener('keydown', (event) => {
    // The grid's keys are not for the input.
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(false);
    }
  });
  // Leaving saves, unless the value is the one refused: it waits to be fixed or cancelled.
  input.addEventListener('blur', () => {
    if (input.value !== refused) commit();
  });
}

/** The column of the table cell holding `el`. @param {HTMLElement} el */
function columnOf(el) {
  const td = el.closest('td, th');
  if (!(td instanceof HTMLTableCellElement)) return 0;
  let col = 0;
  for (let c = td.previousElementSibling; c; c = c.previousElementSibling) {
    if (c instanceof HTMLTableCellElement) col += c.colSpan;
  }
  return col;
}
