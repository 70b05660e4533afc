// @ts-check
// The library panel beside the plan (a sheet on phones): it opens from the Library button,
// searches as the reader types, and puts a method into the plan, dragged to its place in the
// Programme or the Design, or added after the selected block with its + button.

import { follow } from './drag.js';

/**
 * @param {{
 *   add: (method: string, title: string, after: string | null | undefined) => unknown,
 *   say: (key: string, args?: Record<string, string | number>) => string,
 * }} editor `add` with `after` undefined means after the selected block, or at the end
 */
export function enableLibrary(editor) {
  const panel = document.getElementById('library-panel');
  if (!(panel instanceof HTMLElement)) return;
  const results = panel.querySelector('[data-panel-results]');
  const form = panel.querySelector('form[data-library-search]');
  if (!(results instanceof HTMLElement) || !(form instanceof HTMLFormElement)) return;
  let loaded = false;
  /** @type {AbortController | null} */
  let pending = null;

  /** Loads results for the form's search (or a "more" link) into the panel. @param {string} [url] */
  const search = async (url) => {
    pending?.abort();
    pending = new AbortController();
    const query = new URLSearchParams(/** @type {any} */ (new FormData(form)));
    // Words may be in either language; without words, the methods in the reader's own.
    if (query.get('q')?.trim()) query.set('language', 'any');
    const target = url ?? `${panel.dataset.resultsUrl}?${query}`;
    results.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(target, { credentials: 'same-origin', signal: pending.signal, headers: { accept: 'text/html' } });
      if (!res.ok) throw new Error(String(res.status));
      const html = await res.text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const nodes = [...doc.body.childNodes].map((n) => document.adoptNode(n));
      if (url) {
        results.querySelector('[data-more]')?.closest('p')?.remove();
        const list = results.querySelector('.panel-list');
        const more = nodes.find((n) => n instanceof HTMLElement && n.matches('.panel-list'));
        if (list && more instanceof HTMLElement) list.append(...more.children);
        results.append(...nodes.filter((n) => n !== more));
      } else {
        results.replaceChildren(...nodes);
      }
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) results.textContent = editor.say('editor-offline');
    } finally {
      results.removeAttribute('aria-busy');
    }
  };

  const opener = () => document.querySelector('[data-open-library]');
  /** @param {boolean} open */
  const show = (open) => {
    panel.hidden = !open;
    document.body.classList.toggle('library-open', open);
    opener()?.setAttribute('aria-expanded', String(open));
    if (open) {
      if (!loaded) {
        loaded = true;
        search();
      }
      const input = panel.querySelector('input[type="search"]');
      if (input instanceof HTMLInputElement) input.focus();
    } else {
      const o = opener();
      if (o instanceof HTMLElement) o.focus();
    }
  };

  document.addEventListener('click', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    if (!t) return;
    if (t.closest('[data-open-library]')) {
      event.preventDefault();
      show(panel.hidden);
    } else if (t.closest('[data-close-library]')) {
      show(false);
    } else if (t.closest('#library-panel [data-more]')) {
      event.preventDefault();
      const link = t.closest('a');
      if (link) search(link.href);
    } else if (t.closest('#library-panel [data-insert-method]')) {
      const item = t.closest('[data-method]');
      if (item instanceof HTMLElement) editor.add(item.dataset.method ?? '', item.dataset.title ?? '', undefined);
    }
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      show(false);
    }
  });
  let typing = 0;
  form.addEventListener('input', () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => search(), 250);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });

  // A method dragged by its grip (or, with a mouse, by any part but its links and buttons).
  document.addEventListener('pointerdown', (event) => {
    const t = event.target instanceof Element ? event.target : null;
    const item = t?.closest('#library-panel [data-method]');
    if (!(item instanceof HTMLElement) || event.button !== 0) return;
    const grip = t?.closest('[data-drag-method]');
    if (!grip && (event.pointerType !== 'mouse' || t?.closest('a, button'))) return;
    event.preventDefault();
    const ghost = document.createElement('div');
    ghost.className = 'drag-ghost';
    ghost.textContent = item.dataset.title ?? '';
    follow(event, {
      skip: null,
      ghost,
      drop: (after) => editor.add(item.dataset.method ?? '', item.dataset.title ?? '', after),
    });
  });
}
