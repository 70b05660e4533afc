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
