// @ts-check
// A block's fields in a sheet over the plan (rising from the bottom on a phone) instead of a
// page of their own. Edit fetches the block's edit page and shows its form. Save posts it and
// redraws the plan. A refused save shows the form again, with what was typed and why. Without
// script, or when the page cannot be read, Edit is a link to that page as before.

/**
 * @param {(keep: {block?: string}) => Promise<void>} refresh redraws the plan
 * @returns {((href: string, block: string) => Promise<void>) | null} opens the sheet
 */
export function enableEditSheet(refresh) {
  const dialog = document.getElementById('edit-sheet');
  const body = dialog?.querySelector('[data-sheet-body]');
  const title = dialog?.querySelector('[data-sheet-title]');
  const full = dialog?.querySelector('a[data-sheet-full]');
  if (!(dialog instanceof HTMLDialogElement) || !(body instanceof HTMLElement) || !title || !(full instanceof HTMLAnchorElement)) return null;
  let block = '';

  /** Shows the edit page's form and its alert; false when the page has none. @param {string} html */
  function show(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const form = doc.querySelector('main form.stack[method="post"]');
    if (!(form instanceof HTMLFormElement) || !(body instanceof HTMLElement) || !title) return false;
    const alert = doc.querySelector('main .alert');
    title.textContent = doc.querySelector('main h1')?.textContent ?? '';
    body.replaceChildren(...[alert, form].filter((n) => n !== null).map((n) => document.adoptNode(n)));
    unique(form);
    form.addEventListener('submit', save);
    return true;
  }

  /**
   * Gives the form's ids a prefix, so that they differ from the page's own (the Programme's
   * add-block form has a "minutes" too), and points its labels and hints at the new ones.
   * @param {HTMLFormElement} form
   */
  function unique(form) {
    const ids = new Set([...form.querySelectorAll('[id]')].map((el) => el.id));
    const fix = (/** @type {string} */ value) => value.split(' ').map((id) => (ids.has(id) ? `sheet-${id}` : id)).join(' ');
    for (const el of form.querySelectorAll('[id]')) el.id = `sheet-${el.id}`;
    for (const attr of ['for', 'aria-describedby', 'list']) {
      for (const el of form.querySelectorAll(`[${attr}]`)) el.setAttribute(attr, fix(el.getAttribute(attr) ?? ''));
    }
  }

  /** @param {SubmitEvent} event */
  async function save(event) {
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    const submit = form.querySelector('button[type="submit"]');
    if (submit instanceof HTMLButtonElement) submit.disabled = true;
    /** @type {Response} */
    let res;
    try {
      const fields = [...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v : '']);
      res = await fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams(fields),
      });
    } catch {
      // Offline: the browser's own post says so and keeps nothing from being lost silently.
      form.submit();
      return;
    }
    if (res.ok && res.redirected) {
      if (dialog instanceof HTMLDialogElement) dialog.close();
      await refresh({ block });
      return;
    }
    if (!show(await res.text())) {
      form.submit();
      return;
    }
    const alert = body?.querySelector('.alert');
    if (alert instanceof HTMLElement) {
      alert.tabIndex = -1;
      alert.focus();
    }
  }

  return async (href, id) => {
    /** @type {Response | null} */
    let res = null;
    try {
      res = await fetch(href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    } catch {
      res = null;
    }
    if (!res?.ok || !show(await res.text())) {
      location.assign(href);
      return;
    }
    block = id;
    full.href = href;
    dialog.showModal();
    const first = body.querySelector('input:not([type="hidden"]), select, textarea');
    if (first instanceof HTMLElement) first.focus();
  };
}
