// Small progressive enhancements; every page works without them.
document.addEventListener('DOMContentLoaded', () => {
  // Registration records the browser's time zone so times show in local time from the start.
  for (const input of document.querySelectorAll('input[data-browser-time-zone]')) {
    if (!input.value) {
      try {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
      } catch {
        input.value = '';
      }
    }
  }
});

// Switching between the Programme and the Design keeps your place: the link takes the
// first block visible on screen as its anchor.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-keep-place]') : null;
  if (!link) return;
  const visible = [...document.querySelectorAll('[id^="block-"]')].find((el) => el.getBoundingClientRect().bottom > 0);
  if (visible) {
    const url = new URL(link.href);
    url.hash = visible.id;
    link.href = url.toString();
  }
});

// A print button (the browser's own print works as well; print.css lays the page out).
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('button[data-print]')) window.print();
});

// A field meant for copying (a new public link) selects its whole text when focused.
document.addEventListener('focusin', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.matches('[data-select-on-focus]')) event.target.select();
});
