// Tributary admin page: talks to the admin API with the bearer token kept in sessionStorage.
// No cookies are used, so another site cannot make this browser act on the API (no CSRF).
// Every value from the server is written with textContent, never as HTML; an extracted article is shown only
// in a sandboxed iframe (srcdoc), which runs no script and has no origin, so it cannot reach this page or its token.
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
      error.errors = data && data.errors || [];
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

  // A cell with a name and, below it in grey, what identifies it (a feed's URL, a topic's slug).
  function named(row, name, detail) {
    const td = cell(row, name);
    const line = document.createElement('div');
    line.className = 'muted';
    line.textContent = detail;
    td.appendChild(line);
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
      const [feeds, categories, status, topics] = await Promise.all([
        api('GET', '/admin/feeds'), api('GET', '/admin/categories'), api('GET', '/admin/status'),
        api('GET', '/admin/topics')]);
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
        named(row, f.title, f.url);
        cell(row, f.categories.join(', '));
        cell(row, f.health.state, 'state state-' + f.health.state);
        cell(row, when(f.health.last_success_at));
        cell(row, (f.health.consecutive_failures || 0) + (f.health.last_error ? ' — ' + f.health.last_error : ''),
          f.health.last_error ? 'error' : '');
        cell(row, when(f.health.next_poll_at));
        cell(row, f.item_count, 'items');
        // The article counts (extracted, given up, retrying, waiting) say at a glance whether a site's rule still works.
        const h = f.health;
        const counts = h.full_text_ok === undefined ? ''
          : ' (' + h.full_text_ok + ' ok, ' + h.full_text_failed + ' failed, ' + (h.full_text_retrying + h.full_text_pending) + ' waiting)';
        const fullText = cell(row, (f.settings.full_text ? 'on' : 'off') + counts, 'fulltext ' + (f.settings.full_text ? 'on' : 'off'));
        if (f.settings.full_text_selector) fullText.title = 'selector: ' + f.settings.full_text_selector;
        const actions = cell(row, '');
        if (f.origin === 'file') {
          actions.textContent = 'managed by feeds.yml' + (f.source_line ? ' (line ' + f.source_line + ')' : '');
          actions.className = 'muted';
        } else {
          actions.appendChild(button('Edit', () => edit(f)));
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
        actions.appendChild(button('Preview article', () => preview('feed=' + f.id)));
        body.appendChild(row);
      }
      const list = $('categories');
      list.replaceChildren();
      for (const c of categories) {
        const li = document.createElement('li');
        li.textContent = c.title + ' (' + c.slug + ') — ' + c.feed_count + ' feeds' + (c.origin === 'file' ? ', from feeds.yml' : '');
        if (c.block.length > 0) {
          const rules = document.createElement('div');
          rules.className = 'rules';
          rules.textContent = 'block: ' + c.block.join(' · ');
          li.appendChild(rules);
        }
        if (c.origin !== 'file') {
          li.appendChild(document.createTextNode(' '));
          li.appendChild(button('Block rules…', () => editBlock(c)));
        }
        list.appendChild(li);
      }
      showTopics(topics);
    } catch (e) {
      if (e.status === 401 || e.status === 503) {
        sessionStorage.removeItem('tributary-admin-token');
        $('login').hidden = false;
        $('app').hidden = true;
      }
      say(e.message, true);
    }
  }

  function split(text, separator) {
    return text.split(separator || ',').map((s) => s.trim()).filter((s) => s.length > 0);
  }

  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('tributary-admin-token', $('token').value);
    $('token').value = '';
    refresh();
  });

  // The one form adds a feed (POST) or, after "Edit", changes it (PUT): then empty fields clear what they name.
  let editing = null;

  function formSettings() {
    const body = {categories: split($('add-categories').value), full_text: $('add-full-text').checked,
      full_text_selector: $('add-selector').value.trim(), full_text_remove: split($('add-remove').value, '\n'),
      keep: split($('add-keep').value, '\n'), block: split($('add-block').value, '\n')};
    for (const [key, id] of [['title', 'add-title'], ['interval', 'add-interval'], ['zone', 'add-zone']]) {
      body[key] = $(id).value.trim();
    }
    if (editing === null) {
      body.url = $('add-url').value.trim();
      for (const key of Object.keys(body)) {
        if (body[key] === '' || body[key] === false || (Array.isArray(body[key]) && body[key].length === 0 && key !== 'categories')) delete body[key];
      }
    }
    // When editing, an empty field is sent as '': the API clears title, interval, zone and selector then.
    return body;
  }

  function edit(f) {
    const s = f.settings;
    editing = f.id;
    $('add-url').value = s.url;
    $('add-url').readOnly = true;
    $('add-categories').value = s.categories.join(', ');
    $('add-title').value = s.title || '';
    $('add-interval').value = s.interval || '';
    $('add-zone').value = s.zone || '';
    $('add-full-text').checked = !!s.full_text;
    $('add-selector').value = s.full_text_selector || '';
    $('add-remove').value = (s.full_text_remove || []).join('\n');
    $('add-keep').value = (s.keep || []).join('\n');
    $('add-block').value = (s.block || []).join('\n');
    $('form-title').textContent = 'Edit feed #' + f.id;
    $('add-button').textContent = 'Save';
    $('add-cancel').hidden = false;
    $('add').scrollIntoView();
  }

  function stopEditing() {
    editing = null;
    $('add').reset();
    $('add-url').readOnly = false;
    $('form-title').textContent = 'Add a feed';
    $('add-button').textContent = 'Add';
    $('add-cancel').hidden = true;
  }

  $('add-cancel').addEventListener('click', stopEditing);

  $('add').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = formSettings();
    const url = $('add-url').value.trim();
    const work = editing === null ? () => api('POST', '/admin/feeds', body) : () => api('PUT', '/admin/feeds/' + editing, body);
    $('add-button').disabled = true;
    act(async () => { await work(); stopEditing(); }, (editing === null ? 'Added ' : 'Saved ') + url).finally(() => {
      $('add-button').disabled = false;
    });
  });

  // Preview: what full text would publish, from GET /admin/extract.
  async function preview(query) {
    const result = $('preview-result');
    $('preview-facts').textContent = 'Fetching…';
    $('preview-problem').hidden = true;
    $('preview-frame').srcdoc = '';
    $('preview-images').textContent = '';
    $('preview-html').textContent = '';
    result.hidden = false;
    $('preview').scrollIntoView();
    try {
      const a = await api('GET', '/admin/extract?' + query);
      $('preview-url').value = a.url;
      $('preview-selector').value = a.selector || '';
      $('preview-remove').value = a.remove.join('\n');
      $('preview-facts').textContent = (a.item_title ? '“' + a.item_title + '” — ' : '') + a.final_url + ' (HTTP ' + a.status
        + ', ' + (a.content_type || 'no content type') + '). Rule: ' + a.rule + '; ' + a.words + ' words.';
      $('preview-problem').hidden = !a.problem;
      $('preview-problem').textContent = a.problem || '';
      if (a.html) {
        $('preview-frame').srcdoc = '<!DOCTYPE html><meta charset="utf-8"><style>body{font:16px/1.55 Georgia,serif;'
          + 'max-width:42rem;margin:1rem auto;padding:0 1rem}img{max-width:100%;height:auto}</style>' + a.html;
        $('preview-html').textContent = a.html;
        // An inert document: parsing it runs nothing and loads nothing; it only lists the images' addresses.
        const images = [...new DOMParser().parseFromString(a.html, 'text/html').images].map((i) => i.getAttribute('src'));
        $('preview-images').textContent = images.length === 0 ? 'No images.' : images.length
          + ' image(s), not loaded in this preview: ' + images.join(' ');
      }
    } catch (e) {
      $('preview-facts').textContent = '';
      $('preview-problem').hidden = false;
      $('preview-problem').textContent = e.message;
    }
  }

  $('preview-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams({url: $('preview-url').value.trim(), selector: $('preview-selector').value.trim()});
    split($('preview-remove').value, '\n').forEach((r) => query.append('remove', r));
    preview(query.toString());
  });

  // A category's block rules: an inline form under the list, one rule per line.
  let blocking = null;

  function editBlock(c) {
    blocking = c.slug;
    $('category-block-name').textContent = c.title;
    $('category-block-rules').value = c.block.join('\n');
    $('category-block').hidden = false;
    $('category-block-rules').focus();
  }

  $('category-block-cancel').addEventListener('click', () => { $('category-block').hidden = true; });

  $('category-block').addEventListener('submit', (event) => {
    event.preventDefault();
    const slug = blocking;
    act(async () => {
      await api('PUT', '/admin/categories/' + encodeURIComponent(slug), {block: split($('category-block-rules').value, '\n')});
      $('category-block').hidden = true;
    }, 'Saved the block rules of ' + slug);
  });

  // Topics: the list, a form that adds (POST) or, after "Edit", changes one (PUT), and a live preview of the query.
  let editingTopic = null;

  function showTopics(topics) {
    const body = $('topics');
    body.replaceChildren();
    for (const t of topics) {
      const row = document.createElement('tr');
      row.dataset.slug = t.slug;
      named(row, t.title, t.slug);
      cell(row, t.query, 'rules');
      cell(row, t.categories.length === 0 ? 'all' : t.categories.join(', '));
      const links = cell(row, '');
      for (const [label, href] of [['RSS', t.urls.rss], ['Atom', t.urls.atom], ['JSON', t.urls.json]]) {
        const a = document.createElement('a');
        a.href = href;
        a.textContent = label;
        links.appendChild(a);
        links.appendChild(document.createTextNode(' '));
      }
      const actions = cell(row, '');
      if (t.origin === 'file') {
        actions.textContent = 'managed by feeds.yml' + (t.source_line ? ' (line ' + t.source_line + ')' : '');
        actions.className = 'muted';
      } else {
        actions.appendChild(button('Edit', () => editTopic(t)));
        actions.appendChild(button('Delete', () =>
          act(() => api('DELETE', '/admin/topics/' + encodeURIComponent(t.slug)), 'Deleted topic ' + t.slug)));
      }
      body.appendChild(row);
    }
  }

  function editTopic(t) {
    editingTopic = t.slug;
    $('topic-title').value = t.title;
    $('topic-slug').value = t.slug;
    $('topic-slug').readOnly = true;
    $('topic-query').value = t.query;
    $('topic-categories').value = t.categories.join(', ');
    $('topic-form-title').textContent = 'Edit topic ' + t.slug;
    $('topic-button').textContent = 'Save';
    $('topic-cancel').hidden = false;
    $('topic-form').scrollIntoView();
    schedulePreview();
  }

  function stopEditingTopic() {
    editingTopic = null;
    $('topic-form').reset();
    $('topic-slug').readOnly = false;
    $('topic-form-title').textContent = 'Add a topic';
    $('topic-button').textContent = 'Add';
    $('topic-cancel').hidden = true;
    $('topic-query-problem').textContent = '';
    $('topic-matches').replaceChildren();
  }

  $('topic-cancel').addEventListener('click', stopEditingTopic);

  $('topic-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {title: $('topic-title').value.trim(), query: $('topic-query').value.trim(),
      categories: split($('topic-categories').value)};
    const slug = $('topic-slug').value.trim();
    if (editingTopic === null && slug) body.slug = slug;
    const work = editingTopic === null ? () => api('POST', '/admin/topics', body)
      : () => api('PUT', '/admin/topics/' + encodeURIComponent(editingTopic), body);
    act(async () => { await work(); stopEditingTopic(); }, (editingTopic === null ? 'Added topic ' : 'Saved topic ') + body.title);
  });

  // The preview asks once typing pauses (300 ms); an answer to an older query than the latest is dropped.
  let previewTimer = null;
  let previewSeq = 0;

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(previewTopic, 300);
  }

  async function previewTopic() {
    const query = $('topic-query').value.trim();
    const seq = ++previewSeq;
    const matches = $('topic-matches');
    if (!query) {
      $('topic-query-problem').textContent = '';
      $('topic-preview-status').textContent = 'Type a query to see the latest items it matches.';
      matches.replaceChildren();
      return;
    }
    const params = new URLSearchParams({query, categories: split($('topic-categories').value).join(','), limit: '10'});
    try {
      const found = await api('GET', '/admin/topics/preview?' + params.toString());
      if (seq !== previewSeq) return;
      $('topic-query-problem').textContent = '';
      $('topic-preview-status').textContent = found.length === 0 ? 'No stored item matches yet.'
        : 'The latest ' + found.length + ' matching items:';
      matches.replaceChildren();
      for (const m of found) {
        const li = document.createElement('li');
        const title = document.createElement(/^https?:\/\//i.test(m.url || '') ? 'a' : 'span');
        if (title.tagName === 'A') {
          title.href = m.url;
          title.rel = 'noopener noreferrer';
          title.target = '_blank';
        }
        title.textContent = m.title || m.url || '(untitled)';
        li.appendChild(title);
        const facts = document.createElement('span');
        facts.className = 'muted';
        facts.textContent = ' — ' + (m.feed_title || '') + (m.published ? ', ' + when(m.published) : '');
        li.appendChild(facts);
        matches.appendChild(li);
      }
    } catch (e) {
      if (seq !== previewSeq) return;
      const reason = e.errors.length > 0 ? e.errors[0].reason : e.message;
      $('topic-query-problem').textContent = reason;
      $('topic-preview-status').textContent = '';
      matches.replaceChildren();
    }
  }

  $('topic-query').addEventListener('input', schedulePreview);
  $('topic-categories').addEventListener('input', schedulePreview);

  if (token()) {
    refresh();
  }
})();
