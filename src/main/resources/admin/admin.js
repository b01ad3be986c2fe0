// Tributary admin page: talks to the admin API with the bearer token kept in sessionStorage.
// No cookies are used, so another site cannot make this browser act on the API (no CSRF).
// Every value from the server is written with textContent, never as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const token = () => sessionStorage.getItem('tributary-admin-token');

  async function api(method, path, body) {
    const headers = {'Authorization': 'Bearer ' + token()};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = data && (data.detail || data.title) || ('HTTP ' + response.status);
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function when(instant) {
    return instant ? new Date(instant).toLocaleString() : '—';
  }

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  async function act(work, done) {
    try {
      await work();
      say(done, false);
    } catch (e) {
      say(e.message, true);
    }
    await refresh();
  }

  async function refresh() {
    try {
      const [feeds, categories, status] = await Promise.all([
        api('GET', '/admin/feeds'), api('GET', '/admin/categories'), api('GET', '/admin/status')]);
      $('login').hidden = true;
      $('app').hidden = false;
      $('status').textContent = status.feeds + ' feeds, ' + status.categories + ' categories; list file: ' + status.feeds_file;
      $('problem').hidden = !status.feeds_file_problem;
      $('problem').textContent = status.feeds_file_problem || '';
      const body = $('feeds');
      body.replaceChildren();
      for (const f of feeds) {
        const row = document.createElement('tr');
        row.dataset.url = f.url;
        const name = cell(row, f.title);
        const link = document.createElement('div');
        link.className = 'muted';
        link.textContent = f.url;
        name.appendChild(link);
        cell(row, f.categories.join(', '));
        cell(row, f.health.state, 'state state-' + f.health.state);
        cell(row, when(f.health.last_success_at));
        cell(row, (f.health.consecutive_failures || 0) + (f.health.last_error ? ' — ' + f.health.last_error : ''),
          f.health.last_error ? 'error' : '');
        cell(row, when(f.health.next_poll_at));
        cell(row, f.item_count, 'items');
        const actions = cell(row, '');
        if (f.origin === 'file') {
          actions.textContent = 'managed by feeds.yml' + (f.source_line ? ' (line ' + f.source_line + ')' : '');
          actions.className = 'muted';
        } else {
          actions.appendChild(button(f.enabled ? 'Pause' : 'Resume', () =>
            act(() => api('PUT', '/admin/feeds/' + f.id, {enabled: !f.enabled}), (f.enabled ? 'Paused ' : 'Resumed ') + f.url)));
          actions.appendChild(button('Categories…', () => {
            const answer = prompt('Categories (slugs, comma-separated)', f.categories.join(', '));
            if (answer !== null) {
              act(() => api('PUT', '/admin/feeds/' + f.id, {categories: split(answer)}), 'Re-categorized ' + f.url);
            }
          }));
          actions.appendChild(button('Remove', () =>
            act(() => api('DELETE', '/admin/feeds/' + f.id), 'Removed ' + f.url)));
        }
        actions.appendChild(button('Refresh', () =>
          act(async () => { const r = await api('POST', '/admin/feeds/' + f.id + '/refresh'); say(r.result); }, 'Refreshed ' + f.url)));
        body.appendChild(row);
      }
      const list = $('categories');
      list.replaceChildren();
      for (const c of categories) {
        const li = document.createElement('li');
        li.textContent = c.title + ' (' + c.slug + ') — ' + c.feed_count + ' feeds' + (c.origin === 'file' ? ', from feeds.yml' : '');
        list.appendChild(li);
      }
    } catch (e) {
      if (e.status === 401 || e.status === 503) {
        sessionStorage.removeItem('tributary-admin-token');
        $('login').hidden = false;
        $('app').hidden = true;
      }
      say(e.message, true);
    }
  }

  function split(text) {
    return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  }

  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('tributary-admin-token', $('token').value);
    $('token').value = '';
    refresh();
  });

  $('add').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {url: $('add-url').value.trim(), categories: split($('add-categories').value)};
    if ($('add-title').value.trim()) body.title = $('add-title').value.trim();
    if ($('add-interval').value.trim()) body.interval = $('add-interval').value.trim();
    $('add-button').disabled = true;
    act(() => api('POST', '/admin/feeds', body), 'Added ' + body.url).finally(() => {
      $('add-button').disabled = false;
      $('add').reset();
    });
  });

  if (token()) {
    refresh();
  }
})();
