// Small progressive enhancements; every page works without them.

// Storage of a category the visitor has not allowed (or has withdrawn) goes at once: the page
// names the allowed categories in <html data-consent>. Scripts an operator adds check the same.
if (!(document.documentElement.dataset.consent ?? '').split(' ').includes('functional')) {
  try { localStorage.removeItem('plenary.details'); } catch { /* storage disabled */ }
}
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

// A print button (the browser's own print works as well; print.css lays the page out). Options
// apply as they change; their Apply button is only needed without this script.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('button[data-print]')) window.print();
});
document.addEventListener('DOMContentLoaded', () => {
  for (const el of document.querySelectorAll('[data-print]')) el.hidden = false;
  for (const el of document.querySelectorAll('[data-auto-submit] [data-when-no-script]')) el.hidden = true;
});
document.addEventListener('change', (event) => {
  const form = event.target instanceof Element ? event.target.closest('form[data-auto-submit]') : null;
  if (form instanceof HTMLFormElement) form.requestSubmit();
});

// A field meant for copying (a new public link) selects its whole text when focused.
document.addEventListener('focusin', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.matches('[data-select-on-focus]')) event.target.select();
});

// Uploads with progress: files dropped on, pasted into or chosen in a `form[data-upload]` go
// up one request each, with a progress bar and a result per file; the page then reloads to
// list them. Without this script the form posts as usual.
function setUpUpload(form) {
  const input = form.querySelector('input[type=file]');
  const zone = form.querySelector('[data-drop]');
  const list = form.querySelector('[data-progress]');
  if (!input || !zone || !list) return;
  const words = form.dataset;

  /** @param {File} file */
  const send = (file) => new Promise((resolve) => {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = file.name;
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', (words.uploading || '').replace('{name}', file.name));
    const state = document.createElement('span');
    state.className = 'muted small';
    item.append(label, ' ', bar, ' ', state);
    list.append(item);
    const body = new FormData();
    const block = form.querySelector('select[name=block]');
    if (block instanceof HTMLSelectElement) body.append('block', block.value);
    body.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener('load', () => {
      bar.value = 100;
      if (xhr.status < 400) {
        state.textContent = words.done || '';
        resolve(true);
      } else {
        const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        const why = [...page.querySelectorAll('.alert li')].map((li) => li.textContent?.trim()).join(' ');
        state.textContent = why || words.failed || '';
        item.classList.add('error');
        resolve(false);
      }
    });
    xhr.addEventListener('error', () => {
      state.textContent = words.failed || '';
      item.classList.add('error');
      resolve(false);
    });
    xhr.send(body);
  });

  /** @param {File[]} files */
  const sendAll = async (files) => {
    if (files.length === 0) return;
    list.replaceChildren();
    const results = [];
    for (const file of files) results.push(await send(file));
    // Everything went up: show the list as the server has it now.
    if (results.every(Boolean)) {
      const url = new URL(form.action, window.location.href);
      url.searchParams.set('notice', 'files-uploaded');
      window.location.assign(url.toString());
    }
  };

  form.addEventListener('submit', (event) => {
    if (!input.files || input.files.length === 0) return;
    event.preventDefault();
    sendAll([...input.files]);
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    sendAll([...(event.dataTransfer?.files || [])]);
  });
  document.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files || [])];
    if (files.length === 0) return;
    event.preventDefault();
    sendAll(files);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  for (const form of document.querySelectorAll('form[data-upload]')) {
    if (form instanceof HTMLFormElement) setUpUpload(form);
  }
});
