// Tributary admin console: talks to the admin API with the bearer token kept in sessionStorage.
// No cookies are used, so another site cannot make this browser act on the API (no CSRF).
// Every value from the server is written with textContent or as an SVG attribute, never as HTML; an extracted article
// is shown only in a sandboxed iframe (srcdoc), which runs no script and has no origin, so it cannot reach the token.
// Charts are inline SVG drawn here: nothing is loaded from another origin (the CSP allows none).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const token = () => sessionStorage.getItem('tributary-admin-token');
  const SVG = 'http://www.w3.org/2000/svg';
  const OUTCOMES = ['ok', 'not-modified', 'rate-limited', 'error', 'gone'];
  const STATES = ['active', 'backing-off', 'gone', 'disabled'];

  // ---- Language: the admin's choice, else the browser's first of vi/en, else tributary.ui.language. ----
  const TEXT = {
    en: {
      title: 'Tributary admin', language: 'Language', token: 'Admin token', signIn: 'Sign in',
      tokenKept: "Kept in this tab's session only.", health: 'Health', fleetChart: 'Polls per hour, last 24 hours',
      feeds: 'Feeds', searchPlaceholder: 'Search by title or URL', search: 'Search', state: 'State', all: 'all',
      'state.active': 'active', 'state.backing-off': 'backing off', 'state.gone': 'gone', 'state.disabled': 'paused',
      category: 'Category', sortBy: 'Sort by', 'sort.failures': 'failures', 'sort.last-error': 'last error',
      'sort.items': 'items', 'sort.title': 'title', 'sort.added': 'newest', selectPage: 'select this page',
      pause: 'Pause', resume: 'Resume', refresh: 'Refresh', categorize: 'Set categories', categories: 'Categories',
      categoriesPlaceholder: 'thoi-su, the-gioi', 'col.feed': 'Feed', 'col.state': 'State', 'col.select': 'Select', 'col.actions': 'Actions',
      'col.polls': 'Last 30 polls', 'col.items': 'Items / day (14 days)', 'col.success': 'Last success',
      'col.failures': 'Failures / last error', 'col.count': 'Items', prev: '← Previous', next: 'Next →',
      addFeed: 'Add a feed', categoryTitle: 'title, e.g. Kinh doanh', addCategory: 'Add category',
      blockRulesOf: 'Block rules of', save: 'Save', cancel: 'Cancel', topics: 'Topics',
      topicsHelp: 'A topic is a feed made of a query over the stored items, subscribed to like a category.',
      'col.topic': 'Topic', 'col.query': 'Query', 'col.feeds': 'Feeds', addTopic: 'Add a topic',
      slugPlaceholder: 'slug (optional, from the title)', slug: 'Slug', topicCategories: 'look in categories (empty: all)',
      add: 'Add', articlePreview: 'Article preview', preview: 'Preview',
      previewHelp: 'What full text would publish for a page: "Preview article" on a feed takes its latest item with the feed\'s settings.',
      exports: 'Exports', exportYml: 'Download feeds.yml', exportOpml: 'Download OPML', optional: 'optional',
      'f.url': 'Feed URL', 'f.title': 'Title', 'f.interval': 'Interval', 'f.zone': 'Zone', 'f.enabled': 'polled (enabled)',
      'f.full_text': "full text: fetch each new item's page", 'f.full_text_selector': 'Article selector',
      'f.full_text_remove': 'Remove, one selector per line', 'f.keep': 'Keep: only items matching a rule, one per line',
      'f.block': 'Block: never items matching a rule, one per line',
      total: 'feeds', edit: 'Edit', remove: 'Remove', previewArticle: 'Preview article', rename: 'Rename',
      delete: 'Delete', blockRules: 'Block rules…', managed: 'managed by feeds.yml', line: 'line',
      fromFile: 'from feeds.yml', feedsCount: '{n} feeds', pageInfo: '{from}–{to} of {total}', noFeeds: 'No feed matches.',
      selected: '{n} selected', added: 'Added {x}', saved: 'Saved {x}', removed: 'Removed {x}',
      bulkDone: '{action}: {ok} done', bulkRefused: '{n} refused: {why}', nothingSelected: 'Select feeds first.',
      refreshed: 'Refreshed {x}: {r}', downloaded: 'Downloaded {x} ({n} bytes)', never: 'never',
      polls: '{n} polls', noPolls: 'no poll yet', newItems: '{n} new', items: '{n} items',
      newTitle: 'New title for {x}', deleteConfirm: 'Delete category {x}?', categoryAdded: 'Added category {x}',
      categoryRenamed: 'Renamed {x}', categoryDeleted: 'Deleted category {x}', blockSaved: 'Saved the block rules of {x}',
      topicAdded: 'Added topic {x}', topicSaved: 'Saved topic {x}', topicDeleted: 'Deleted topic {x}',
      editTopic: 'Edit topic {x}', typeQuery: 'Type a query to see the latest items it matches.',
      noMatch: 'No stored item matches yet.', latestMatches: 'The latest {n} matching items:', fetching: 'Fetching…',
      noImages: 'No images.', images: '{n} image(s), not loaded in this preview: {list}', lag: 'oldest due poll waits {x}',
      listFile: 'list file', summaryLine: '{feeds} feeds, {categories} categories; {file}: {path}',
      'o.ok': 'new items', 'o.not-modified': 'not modified', 'o.error': 'error', 'o.gone': 'gone',
      'o.rate-limited': 'rate limited', fullTextOn: 'full text', selectFeed: 'select {x}',
      clusters: 'Story clusters', clustersHelp: 'A story reported by several publishers is one entry. Paste its entry id from a feed to see its copies and split a wrong merge.',
      clusterId: 'Entry id', show: 'Show', 'col.site': 'Site', 'col.published': 'Published', 'col.role': 'Role',
      speaks: 'speaks for the story', joined: 'joined', ownCopy: 'own copy', splitSelected: 'Split the selected copies off',
      splitAll: 'Split every copy off', splitDone: 'Split off {n} stories', clusteringOff: 'clusters off',
      clusteringOn: 'Show clusters', listEveryCopy: 'List every copy', clusteringSaved: 'Saved clustering of {x}', selectCopies: 'Tick the copies to split off first.',
      latestClusters: 'Latest clusters', moreClusters: 'Older clusters', noClusters: 'No story has joined copies yet.'
    },
    vi: {
      title: 'Quản trị Tributary', language: 'Ngôn ngữ', token: 'Mã quản trị', signIn: 'Đăng nhập',
      tokenKept: 'Chỉ lưu trong phiên của thẻ này.', health: 'Tình trạng', fleetChart: 'Số lần lấy tin mỗi giờ, 24 giờ qua',
      feeds: 'Nguồn tin', searchPlaceholder: 'Tìm theo tên hoặc URL', search: 'Tìm', state: 'Trạng thái', all: 'tất cả',
      'state.active': 'hoạt động', 'state.backing-off': 'đang lỗi', 'state.gone': 'đã mất', 'state.disabled': 'tạm dừng',
      category: 'Chuyên mục', sortBy: 'Sắp xếp', 'sort.failures': 'số lần lỗi', 'sort.last-error': 'lỗi gần nhất',
      'sort.items': 'số tin', 'sort.title': 'tên', 'sort.added': 'mới thêm', selectPage: 'chọn cả trang',
      pause: 'Tạm dừng', resume: 'Tiếp tục', refresh: 'Lấy ngay', categorize: 'Đặt chuyên mục', categories: 'Chuyên mục',
      categoriesPlaceholder: 'thoi-su, the-gioi', 'col.feed': 'Nguồn', 'col.state': 'Trạng thái', 'col.select': 'Chọn', 'col.actions': 'Thao tác',
      'col.polls': '30 lần lấy gần nhất', 'col.items': 'Tin / ngày (14 ngày)', 'col.success': 'Thành công gần nhất',
      'col.failures': 'Lỗi liên tiếp / lỗi gần nhất', 'col.count': 'Số tin', prev: '← Trước', next: 'Sau →',
      addFeed: 'Thêm nguồn tin', categoryTitle: 'tên, ví dụ Kinh doanh', addCategory: 'Thêm chuyên mục',
      blockRulesOf: 'Quy tắc chặn của', save: 'Lưu', cancel: 'Hủy', topics: 'Chủ đề',
      topicsHelp: 'Chủ đề là một kênh tin tạo từ truy vấn trên các tin đã lưu, đăng ký như một chuyên mục.',
      'col.topic': 'Chủ đề', 'col.query': 'Truy vấn', 'col.feeds': 'Kênh', addTopic: 'Thêm chủ đề',
      slugPlaceholder: 'slug (tùy chọn, lấy từ tên)', slug: 'Slug', topicCategories: 'tìm trong chuyên mục (trống: tất cả)',
      add: 'Thêm', articlePreview: 'Xem trước bài viết', preview: 'Xem trước',
      previewHelp: 'Nội dung toàn văn sẽ đăng cho một trang: "Xem bài" ở một nguồn lấy tin mới nhất với cài đặt của nguồn.',
      exports: 'Xuất dữ liệu', exportYml: 'Tải feeds.yml', exportOpml: 'Tải OPML', optional: 'tùy chọn',
      'f.url': 'URL nguồn tin', 'f.title': 'Tên', 'f.interval': 'Chu kỳ', 'f.zone': 'Múi giờ', 'f.enabled': 'đang lấy tin (bật)',
      'f.full_text': 'toàn văn: tải trang của mỗi tin mới', 'f.full_text_selector': 'Bộ chọn bài viết',
      'f.full_text_remove': 'Bỏ đi, mỗi dòng một bộ chọn', 'f.keep': 'Giữ: chỉ tin khớp một quy tắc, mỗi dòng một quy tắc',
      'f.block': 'Chặn: không lấy tin khớp quy tắc, mỗi dòng một quy tắc',
      total: 'nguồn', edit: 'Sửa', remove: 'Xóa', previewArticle: 'Xem bài', rename: 'Đổi tên',
      delete: 'Xóa', blockRules: 'Quy tắc chặn…', managed: 'quản lý bởi feeds.yml', line: 'dòng',
      fromFile: 'từ feeds.yml', feedsCount: '{n} nguồn', pageInfo: '{from}–{to} trên {total}', noFeeds: 'Không có nguồn nào khớp.',
      selected: 'đã chọn {n}', added: 'Đã thêm {x}', saved: 'Đã lưu {x}', removed: 'Đã xóa {x}',
      bulkDone: '{action}: xong {ok}', bulkRefused: 'từ chối {n}: {why}', nothingSelected: 'Hãy chọn nguồn trước.',
      refreshed: 'Đã lấy {x}: {r}', downloaded: 'Đã tải {x} ({n} byte)', never: 'chưa có',
      polls: '{n} lần lấy', noPolls: 'chưa lấy lần nào', newItems: '{n} tin mới', items: '{n} tin',
      newTitle: 'Tên mới cho {x}', deleteConfirm: 'Xóa chuyên mục {x}?', categoryAdded: 'Đã thêm chuyên mục {x}',
      categoryRenamed: 'Đã đổi tên {x}', categoryDeleted: 'Đã xóa chuyên mục {x}', blockSaved: 'Đã lưu quy tắc chặn của {x}',
      topicAdded: 'Đã thêm chủ đề {x}', topicSaved: 'Đã lưu chủ đề {x}', topicDeleted: 'Đã xóa chủ đề {x}',
      editTopic: 'Sửa chủ đề {x}', typeQuery: 'Gõ truy vấn để xem các tin mới nhất khớp với nó.',
      noMatch: 'Chưa có tin nào khớp.', latestMatches: '{n} tin khớp mới nhất:', fetching: 'Đang tải…',
      noImages: 'Không có ảnh.', images: '{n} ảnh, không tải trong bản xem trước: {list}', lag: 'lần lấy quá hạn lâu nhất chờ {x}',
      listFile: 'tệp danh sách', summaryLine: '{feeds} nguồn, {categories} chuyên mục; {file}: {path}',
      'o.ok': 'có tin mới', 'o.not-modified': 'không đổi', 'o.error': 'lỗi', 'o.gone': 'đã mất',
      'o.rate-limited': 'bị giới hạn', fullTextOn: 'toàn văn', selectFeed: 'chọn {x}',
      clusters: 'Cụm tin', clustersHelp: 'Một sự kiện nhiều báo cùng đưa là một mục. Dán mã mục từ một kênh để xem các bản và tách một cụm gộp sai.',
      clusterId: 'Mã mục', show: 'Xem', 'col.site': 'Báo', 'col.published': 'Đăng lúc', 'col.role': 'Vai trò',
      speaks: 'bản đại diện', joined: 'đã gộp vào', ownCopy: 'bản gốc', splitSelected: 'Tách các bản đã chọn',
      splitAll: 'Tách mọi bản', splitDone: 'Đã tách {n} tin', clusteringOff: 'không gộp cụm',
      clusteringOn: 'Gộp cụm', listEveryCopy: 'Liệt kê từng bản', clusteringSaved: 'Đã lưu cách gộp của {x}', selectCopies: 'Hãy chọn các bản cần tách trước.',
      latestClusters: 'Cụm tin mới nhất', moreClusters: 'Cụm tin cũ hơn', noClusters: 'Chưa có tin nào được gộp từ nhiều báo.'
    }
  };
  const configured = document.documentElement.dataset.language === 'en' ? 'en' : 'vi';
  const zone = document.documentElement.dataset.zone || undefined;
  let lang = localStorage.getItem('tributary-admin-language')
    || (navigator.languages || [navigator.language]).map((l) => String(l).slice(0, 2).toLowerCase())
      .find((l) => l === 'vi' || l === 'en')
    || configured;

  function t(key, vars) {
    let text = (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key;
    for (const [name, value] of Object.entries(vars || {})) text = text.split('{' + name + '}').join(String(value));
    return text;
  }

  function translate(root) {
    root.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    root.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    root.querySelectorAll('[data-i18n-aria]').forEach((e) => e.setAttribute('aria-label', t(e.dataset.i18nAria)));
  }

  function setLanguage(next) {
    lang = next;
    document.documentElement.lang = lang;
    $('language').value = lang;
    translate(document);
    document.title = t('title');
  }

  // ---- Dates: local format in the console's zone, relative time with the exact time on hover. ----
  function exact(instant) {
    return new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'medium', timeZone: zone}).format(new Date(instant));
  }

  function relative(instant) {
    const seconds = (new Date(instant).getTime() - Date.now()) / 1000;
    const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
    const rtf = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
    }
    return '';
  }

  function time(instant) {
    if (!instant) {
      const none = document.createElement('span');
      none.className = 'muted';
      none.textContent = t('never');
      return none;
    }
    const e = document.createElement('time');
    e.dateTime = instant;
    e.title = exact(instant);
    e.textContent = relative(instant);
    return e;
  }

  // ---- The API. ----
  async function api(method, path, body) {
    const headers = {'Authorization': 'Bearer ' + token()};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error(data && (data.detail || data.title) || ('HTTP ' + response.status));
      error.status = response.status;
      error.errors = data && data.errors || [];
      throw error;
    }
    return data;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svg(tag, attributes, tooltip) {
    const e = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) e.setAttribute(name, String(value));
    if (tooltip) {
      const title = document.createElementNS(SVG, 'title');
      title.textContent = tooltip;
      e.appendChild(title);
    }
    return e;
  }

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  function button(label, onClick, className) {
    const b = el('button', className, label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function split(text, separator) {
    return text.split(separator || ',').map((s) => s.trim()).filter((s) => s.length > 0);
  }

  async function act(work, done) {
    try {
      await work();
      if (done) say(done, false);
    } catch (e) {
      say(e.message, true);
    }
    await refresh();
  }

  // ---- Charts. ----
  function outcomeName(outcome) {
    return t('o.' + outcome);
  }

  // A feed's last polls, oldest on the left, each a coloured cell whose tooltip says when, what, status and duration.
  function pollStrip(polls) {
    const n = 30, w = 6, gap = 1, h = 18;
    const s = svg('svg', {width: n * (w + gap), height: h, role: 'img', class: 'strip',
      'aria-label': polls.length ? t('polls', {n: polls.length}) : t('noPolls')});
    const oldestFirst = polls.slice().reverse();
    for (let i = 0; i < n; i++) {
      const p = oldestFirst[i - (n - oldestFirst.length)];
      const tip = p ? exact(p.at) + ' · ' + outcomeName(p.outcome) + (p.status ? ' · HTTP ' + p.status : '')
        + ' · ' + p.duration_ms + ' ms' + (p.items_new ? ' · ' + t('newItems', {n: p.items_new}) : '')
        + (p.error ? ' · ' + p.error : '') : null;
      s.appendChild(svg('rect', {x: i * (w + gap), y: 0, width: w, height: h, rx: 1,
        class: p ? 'o-' + p.outcome : 'o-none', 'data-outcome': p ? p.outcome : ''}, tip));
    }
    return s;
  }

  // Items per day as small bars, the oldest day on the left.
  function dayBars(days) {
    const w = 7, gap = 2, h = 22;
    const max = Math.max(1, ...days.map((d) => d.items));
    const s = svg('svg', {width: days.length * (w + gap), height: h, role: 'img', class: 'days',
      'aria-label': t('items', {n: days.reduce((a, d) => a + d.items, 0)})});
    days.forEach((d, i) => {
      const bar = d.items === 0 ? 1 : Math.max(2, Math.round(h * d.items / max));
      s.appendChild(svg('rect', {x: i * (w + gap), y: h - bar, width: w, height: bar,
        class: d.items === 0 ? 'o-none' : 'bar'}, d.day + ': ' + t('items', {n: d.items})));
    });
    return s;
  }

  // The fleet's polls per hour, stacked by outcome, with hour labels every 3 hours in the console's zone.
  function fleetChart(hours) {
    const bw = 22, gap = 4, top = 14, h = 120, left = 34, bottom = 16;
    const max = Math.max(1, ...hours.map((x) => Object.values(x.polls).reduce((a, b) => a + b, 0)));
    const width = left + hours.length * (bw + gap);
    const s = svg('svg', {width, height: top + h + bottom, role: 'img', id: 'fleet-svg', 'aria-label': t('fleetChart')});
    s.appendChild(svg('line', {x1: left - 4, x2: width, y1: top + h, y2: top + h, stroke: '#bdc1c6'}));
    const label = svg('text', {x: 0, y: top + 4});
    label.textContent = String(max);
    s.appendChild(label);
    const zero = svg('text', {x: 0, y: top + h});
    zero.textContent = '0';
    s.appendChild(zero);
    const hourFormat = new Intl.DateTimeFormat(lang, {hour: '2-digit', minute: '2-digit', timeZone: zone});
    hours.forEach((x, i) => {
      let y = top + h;
      const bx = left + i * (bw + gap);
      for (const outcome of OUTCOMES) {
        const count = x.polls[outcome] || 0;
        if (count === 0) continue;
        const bh = Math.max(1, h * count / max);
        y -= bh;
        s.appendChild(svg('rect', {x: bx, y, width: bw, height: bh, class: 'o-' + outcome, 'data-outcome': outcome,
          'data-count': count}, hourFormat.format(new Date(x.hour)) + ' · ' + outcomeName(outcome) + ': ' + count));
      }
      if (i % 3 === 0) {
        const tick = svg('text', {x: bx, y: top + h + 12});
        tick.textContent = hourFormat.format(new Date(x.hour));
        s.appendChild(tick);
      }
    });
    return s;
  }

  function legend() {
    const box = $('fleet-legend');
    box.replaceChildren();
    for (const outcome of OUTCOMES) {
      const item = el('span');
      const swatch = svg('svg', {width: 10, height: 10});
      swatch.appendChild(svg('rect', {width: 10, height: 10, class: 'o-' + outcome}));
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(' ' + outcomeName(outcome)));
      box.appendChild(item);
    }
  }

  // ---- Health: tiles and the fleet chart. ----
  function showSummary(summary, status) {
    const tiles = $('tiles');
    tiles.replaceChildren();
    const total = button('', () => setFilter(''), 'tile total');
    total.appendChild(el('strong', null, summary.feeds.toLocaleString(lang)));
    total.appendChild(document.createTextNode(t('total')));
    tiles.appendChild(total);
    for (const state of STATES) {
      const tile = button('', () => setFilter(state), 'tile ' + state);
      tile.dataset.state = state;
      tile.appendChild(el('strong', null, (summary.feeds_by_state[state] || 0).toLocaleString(lang)));
      tile.appendChild(document.createTextNode(t('state.' + state)));
      tiles.appendChild(tile);
    }
    $('fleet-chart').replaceChildren(fleetChart(summary.polls_per_hour));
    legend();
    $('status').textContent = t('summaryLine', {feeds: status.feeds, categories: status.categories, file: t('listFile'),
      path: status.feeds_file});
    $('problem').hidden = !status.feeds_file_problem;
    $('problem').textContent = status.feeds_file_problem || '';
  }

  function setFilter(state) {
    $('filter-state').value = state;
    view.page = 1;
    loadFeeds();
  }

  // ---- The feed list: one page from the server, searched, filtered and sorted there. ----
  const view = {page: 1, size: 50, total: 0, feeds: []};
  const selected = new Set();

  async function loadFeeds() {
    const params = new URLSearchParams({page: view.page, size: view.size, sort: $('sort').value});
    if ($('search').value.trim()) params.set('q', $('search').value.trim());
    if ($('filter-state').value) params.set('state', $('filter-state').value);
    if ($('filter-category').value) params.set('category', $('filter-category').value);
    const page = await api('GET', '/admin/feeds/search?' + params.toString());
    view.total = page.total;
    view.feeds = page.feeds;
    showFeeds();
  }

  function showFeeds() {
    const body = $('feeds');
    body.replaceChildren();
    if (view.feeds.length === 0) {
      const row = el('tr');
      const td = el('td', 'muted', t('noFeeds'));
      td.colSpan = 9;
      row.appendChild(td);
      body.appendChild(row);
    }
    for (const f of view.feeds) body.appendChild(feedRow(f));
    const from = view.total === 0 ? 0 : (view.page - 1) * view.size + 1;
    $('page-info').textContent = t('pageInfo', {from, to: Math.min(view.total, view.page * view.size), total: view.total});
    $('prev').disabled = view.page <= 1;
    $('next').disabled = view.page * view.size >= view.total;
    $('select-all').checked = view.feeds.length > 0 && view.feeds.every((f) => selected.has(f.id));
    $('selected-count').textContent = selected.size ? t('selected', {n: selected.size}) : '';
  }

  function feedRow(f) {
    const row = el('tr', selected.has(f.id) ? 'selected' : null);
    row.dataset.id = f.id;
    row.dataset.url = f.url;
    const check = el('input');
    check.type = 'checkbox';
    check.className = 'select';
    check.checked = selected.has(f.id);
    check.setAttribute('aria-label', t('selectFeed', {x: f.title}));
    check.addEventListener('change', () => {
      if (check.checked) selected.add(f.id); else selected.delete(f.id);
      row.classList.toggle('selected', check.checked);
      $('selected-count').textContent = selected.size ? t('selected', {n: selected.size}) : '';
    });
    const pick = el('td');
    pick.appendChild(check);
    row.appendChild(pick);

    const name = el('td', 'feed');
    name.appendChild(el('div', 'feed-title', f.title));
    name.appendChild(el('div', 'muted url', f.url));
    const facts = [f.categories.join(', ')];
    if (f.settings.full_text) facts.push(t('fullTextOn'));
    if (f.origin === 'file') facts.push(t('managed') + (f.source_line ? ' (' + t('line') + ' ' + f.source_line + ')' : ''));
    name.appendChild(el('div', 'cats', facts.filter((x) => x).join(' · ')));
    row.appendChild(name);

    row.appendChild(el('td', 'state state-' + f.health.state, t('state.' + f.health.state)));
    const strip = el('td', 'polls');
    strip.appendChild(pollStrip(f.polls || []));
    row.appendChild(strip);
    const days = el('td', 'days');
    days.appendChild(dayBars(f.items_per_day || []));
    row.appendChild(days);
    const success = el('td');
    success.appendChild(time(f.health.last_success_at));
    row.appendChild(success);
    const failures = el('td', f.health.last_error ? 'error' : null, String(f.health.consecutive_failures || 0));
    if (f.health.last_error) {
      failures.appendChild(document.createTextNode(' — ' + f.health.last_error + ' '));
      if (f.health.last_error_at) failures.appendChild(time(f.health.last_error_at));
    }
    row.appendChild(failures);
    row.appendChild(el('td', 'items', f.item_count));

    const actions = el('td', 'actions');
    if (f.origin !== 'file') {
      actions.appendChild(button(t('edit'), () => editInPlace(row, f)));
      actions.appendChild(button(f.enabled ? t('pause') : t('resume'), () =>
        act(() => api('PUT', '/admin/feeds/' + f.id, {enabled: !f.enabled}), t('saved', {x: f.url}))));
    }
    actions.appendChild(button(t('refresh'), () => act(async () => {
      const r = await api('POST', '/admin/feeds/' + f.id + '/refresh');
      say(t('refreshed', {x: f.url, r: r.result}));
    })));
    actions.appendChild(button(t('previewArticle'), () => preview('feed=' + f.id)));
    if (f.origin !== 'file') {
      actions.appendChild(button(t('remove'), () => act(() => api('DELETE', '/admin/feeds/' + f.id), t('removed', {x: f.url}))));
    }
    row.appendChild(actions);
    return row;
  }

  // ---- The feed form: every setting, for adding and for editing in place. ----
  function feedForm(form, settings) {
    form.replaceChildren(document.importNode($('feed-form').content, true));
    translate(form);
    const field = (name) => form.querySelector('[name="' + name + '"]');
    if (settings) {
      field('url').value = settings.url;
      field('url').readOnly = true;
      field('title').value = settings.title || '';
      field('categories').value = (settings.categories || []).join(', ');
      field('interval').value = settings.interval || '';
      field('zone').value = settings.zone || '';
      field('enabled').checked = settings.enabled !== false;
      field('full_text').checked = !!settings.full_text;
      field('full_text_selector').value = settings.full_text_selector || '';
      field('full_text_remove').value = (settings.full_text_remove || []).join('\n');
      field('keep').value = (settings.keep || []).join('\n');
      field('block').value = (settings.block || []).join('\n');
      form.querySelector('.save').textContent = t('save');
      form.querySelector('.cancel').hidden = false;
    } else {
      field('url').required = true;
    }
    return form;
  }

  // What the form holds, in the API's keys. Editing sends every field: an empty one clears its setting.
  function formBody(form, adding) {
    const field = (name) => form.querySelector('[name="' + name + '"]');
    const body = {categories: split(field('categories').value), enabled: field('enabled').checked,
      full_text: field('full_text').checked, full_text_selector: field('full_text_selector').value.trim(),
      full_text_remove: split(field('full_text_remove').value, '\n'), keep: split(field('keep').value, '\n'),
      block: split(field('block').value, '\n'), title: field('title').value.trim(),
      interval: field('interval').value.trim(), zone: field('zone').value.trim()};
    if (adding) {
      body.url = field('url').value.trim();
      for (const key of Object.keys(body)) {
        if (body[key] === '' || (Array.isArray(body[key]) && body[key].length === 0 && key !== 'categories')) delete body[key];
      }
    }
    return body;
  }

  // Puts each of the API's field errors next to its field (categories[1] next to categories); the rest on top.
  function showFieldErrors(form, e) {
    form.querySelectorAll('.field-error').forEach((s) => { s.textContent = ''; });
    let placed = false;
    for (const error of e.errors || []) {
      const slot = form.querySelector('.field-error[data-field="' + String(error.field).replace(/\[\d+\]$/, '') + '"]');
      if (slot) {
        slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + error.field + ': ' + error.reason;
        placed = true;
      }
    }
    if (!placed) form.querySelector('.field-error[data-field="body"]').textContent = e.message;
  }

  async function submitFeed(form, adding, id) {
    const save = form.querySelector('.save');
    save.disabled = true;
    try {
      const body = formBody(form, adding);
      if (adding) await api('POST', '/admin/feeds', body); else await api('PUT', '/admin/feeds/' + id, body);
      say(t(adding ? 'added' : 'saved', {x: form.querySelector('[name="url"]').value}), false);
      if (adding) feedForm(form, null);
      await refresh();
    } catch (e) {
      showFieldErrors(form, e);
      say(e.message, true);
    } finally {
      save.disabled = false;
    }
  }

  function editInPlace(row, f) {
    const open = row.nextElementSibling;
    if (open && open.classList.contains('editor')) {
      open.remove();
      return;
    }
    const editor = el('tr', 'editor');
    editor.dataset.id = f.id;
    const td = el('td');
    td.colSpan = 9;
    const form = feedForm(el('form', 'feed-form'), f.settings);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitFeed(form, false, f.id);
    });
    form.querySelector('.cancel').addEventListener('click', () => editor.remove());
    td.appendChild(form);
    editor.appendChild(td);
    row.after(editor);
    form.querySelector('[name="title"]').focus();
  }

  // ---- Bulk actions on the selected feeds: one request (refreshes in chunks of 50), a result per feed. ----
  async function bulk(action, extra) {
    if (selected.size === 0) {
      say(t('nothingSelected'), true);
      return;
    }
    const ids = [...selected];
    const chunk = action === 'refresh' ? 50 : 1000;
    const results = [];
    try {
      for (let i = 0; i < ids.length; i += chunk) {
        const answer = await api('POST', '/admin/feeds/bulk', Object.assign({action, ids: ids.slice(i, i + chunk)}, extra));
        results.push(...answer.results);
      }
      const refused = results.filter((r) => r.status !== 200);
      const reasons = [...new Set(refused.map((r) => r.detail))].join('; ');
      say(t('bulkDone', {action: $('bulk-' + action).textContent, ok: results.length - refused.length})
        + (refused.length ? ' — ' + t('bulkRefused', {n: refused.length, why: reasons}) : ''), refused.length > 0);
      selected.clear();
    } catch (e) {
      say(e.message + (e.errors.length ? ' (' + e.errors.map((x) => x.field).join(', ') + ')' : ''), true);
    }
    await refresh(true);
  }

  // ---- Categories: add, rename, delete, block rules. ----
  function showCategories(categories) {
    const list = $('categories');
    list.replaceChildren();
    const filter = $('filter-category');
    const chosen = filter.value;
    filter.replaceChildren(Object.assign(el('option', null, t('all')), {value: ''}));
    for (const c of categories) {
      filter.appendChild(Object.assign(el('option', null, c.title), {value: c.slug}));
      const li = el('li');
      li.dataset.slug = c.slug;
      li.appendChild(el('strong', null, c.title));
      li.appendChild(document.createTextNode(' (' + c.slug + ') — ' + t('feedsCount', {n: c.feed_count})
        + (c.origin === 'file' ? ', ' + t('fromFile') : '') + ' '));
      if (c.clustering === false) li.appendChild(el('span', 'cats', t('clusteringOff') + ' '));
      if (c.block.length > 0) li.appendChild(el('div', 'rules', 'block: ' + c.block.join(' · ')));
      if (c.origin !== 'file') {
        li.appendChild(button(t('rename'), () => {
          const title = prompt(t('newTitle', {x: c.title}), c.title);
          if (title !== null && title.trim()) {
            act(() => api('PUT', '/admin/categories/' + encodeURIComponent(c.slug), {title: title.trim()}),
              t('categoryRenamed', {x: c.slug}));
          }
        }));
        li.appendChild(button(t('delete'), () => {
          if (confirm(t('deleteConfirm', {x: c.title}))) {
            act(() => api('DELETE', '/admin/categories/' + encodeURIComponent(c.slug)), t('categoryDeleted', {x: c.slug}));
          }
        }));
        li.appendChild(button(t('blockRules'), () => editBlock(c)));
        li.appendChild(button(c.clustering === false ? t('clusteringOn') : t('listEveryCopy'), () => act(
          () => api('PUT', '/admin/categories/' + encodeURIComponent(c.slug), {clustering: c.clustering === false}),
          t('clusteringSaved', {x: c.slug}))));
      }
      list.appendChild(li);
    }
    filter.value = chosen;
  }

  $('category-add').addEventListener('submit', async (event) => {
    event.preventDefault();
    const title = $('category-title').value.trim();
    try {
      await api('POST', '/admin/categories', {title});
      $('category-error').textContent = '';
      $('category-title').value = '';
      say(t('categoryAdded', {x: title}));
      await refresh();
    } catch (e) {
      $('category-error').textContent = e.errors.length ? e.errors.map((x) => x.field + ': ' + x.reason).join('; ') : e.message;
    }
  });

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
    }, t('blockSaved', {x: slug}));
  });

  // ---- Story clusters: a cluster's copies by its entry id, and its split (all joined copies, or those ticked). ----
  let cluster = null;

  function showCluster(c) {
    cluster = c;
    $('cluster-id').value = c.id;
    const body = $('cluster-members');
    body.replaceChildren();
    for (const m of c.members) {
      const tr = el('tr');
      const pick = el('td');
      if (m.joined) {
        const box = Object.assign(el('input'), {type: 'checkbox', value: String(m.item_id)});
        box.setAttribute('aria-label', t('selectFeed', {x: m.title}));
        pick.appendChild(box);
      }
      tr.appendChild(pick);
      tr.appendChild(el('td', null, m.site));
      tr.appendChild(el('td', null, m.feed_title));
      const title = el('td');
      title.appendChild(el('div', 'feed-title', m.title));
      title.appendChild(el('div', 'url', m.url));
      tr.appendChild(title);
      const when = el('td');
      when.appendChild(time(m.published));
      tr.appendChild(when);
      tr.appendChild(el('td', null, m.speaks_for_story ? t('speaks') : (m.joined ? t('joined') : t('ownCopy'))));
      body.appendChild(tr);
    }
    $('cluster-result').hidden = false;
  }

  async function loadCluster(id) {
    try {
      showCluster(await api('GET', '/admin/clusters/' + encodeURIComponent(id.trim())));
    } catch (e) {
      $('cluster-result').hidden = true;
      say(e.message, true);
    }
  }

  async function splitCluster(items) {
    try {
      const after = await api('POST', '/admin/clusters/' + encodeURIComponent(cluster.id) + '/split',
        items === null ? undefined : {items});
      say(t('splitDone', {n: after.split_off.length}));
      showCluster(after);
      await loadClusters(false);
    } catch (e) {
      say(e.errors.length ? e.errors.map((x) => x.field + ': ' + x.reason).join('; ') : e.message, true);
    }
  }

  // The latest clusters, newest joined copy first; "Older clusters" pages on with the list's next cursor.
  let clustersNext = null;

  async function loadClusters(more) {
    const list = $('cluster-list');
    const page = await api('GET', '/admin/clusters?limit=20' + (more && clustersNext ? '&before=' + encodeURIComponent(clustersNext) : ''));
    if (!more) list.replaceChildren();
    for (const c of page.clusters) {
      const speaker = c.members.find((m) => m.speaks_for_story) || c.members[0];
      const li = el('li');
      li.appendChild(el('span', 'feed-title', speaker ? speaker.title + ' ' : ''));
      li.appendChild(el('span', 'cats', [...new Set(c.members.map((m) => m.site))].join(' · ') + ' '));
      li.appendChild(button(t('show'), () => loadCluster(c.id)));
      list.appendChild(li);
    }
    if (!more && page.clusters.length === 0) list.appendChild(el('li', 'muted', t('noClusters')));
    clustersNext = page.next;
    $('cluster-more').hidden = !clustersNext;
  }

  $('cluster-more').addEventListener('click', () => loadClusters(true).catch((e) => say(e.message, true)));

  $('cluster-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadCluster($('cluster-id').value);
  });
  $('cluster-split-all').addEventListener('click', () => splitCluster(null));
  $('cluster-split-selected').addEventListener('click', () => {
    const items = [...$('cluster-members').querySelectorAll('input:checked')].map((box) => Number(box.value));
    if (items.length === 0) say(t('selectCopies'), true); else splitCluster(items);
  });

  // ---- Everything on the page, after sign-in and after each change. ----
  async function refresh(keepPage) {
    try {
      if (!keepPage && view.page > 1 && view.feeds.length === 0) view.page = 1;
      const [summary, categories, status, topics] = await Promise.all([
        api('GET', '/admin/summary'), api('GET', '/admin/categories'), api('GET', '/admin/status'),
        api('GET', '/admin/topics')]);
      $('login').hidden = true;
      $('app').hidden = false;
      showSummary(summary, status);
      showCategories(categories);
      showTopics(topics);
      await loadFeeds();
      await loadClusters(false);
    } catch (e) {
      if (e.status === 401 || e.status === 503) {
        sessionStorage.removeItem('tributary-admin-token');
        $('login').hidden = false;
        $('app').hidden = true;
      }
      say(e.message, true);
    }
  }

  // ---- Exports: fetched with the token, then saved from a Blob (a bare link would not send the header). ----
  async function download(path, name) {
    try {
      const response = await fetch(path, {headers: {'Authorization': 'Bearer ' + token()}});
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      say(t('downloaded', {x: name, n: blob.size}));
    } catch (e) {
      say(e.message, true);
    }
  }

  $('export-yml').addEventListener('click', () => download('/admin/export/feeds.yml', 'feeds.yml'));
  $('export-opml').addEventListener('click', () => download('/admin/export/opml', 'tributary.opml'));

  // ---- Preview: what full text would publish, from GET /admin/extract. ----
  async function preview(query) {
    $('preview-facts').textContent = t('fetching');
    $('preview-problem').hidden = true;
    $('preview-frame').srcdoc = '';
    $('preview-images').textContent = '';
    $('preview-html').textContent = '';
    $('preview-result').hidden = false;
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
        // The frame inherits this page's CSP: no style or script of the article's runs in it, nothing loads.
        $('preview-frame').srcdoc = '<!DOCTYPE html><meta charset="utf-8">' + a.html;
        $('preview-html').textContent = a.html;
        // An inert document: parsing it runs nothing and loads nothing; it only lists the images' addresses.
        const images = [...new DOMParser().parseFromString(a.html, 'text/html').images].map((i) => i.getAttribute('src'));
        $('preview-images').textContent = images.length === 0 ? t('noImages') : t('images', {n: images.length, list: images.join(' ')});
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

  // ---- Topics: the list, a form that adds (POST) or, after "Edit", changes one (PUT), and a live preview. ----
  let editingTopic = null;

  function showTopics(topics) {
    const body = $('topics');
    body.replaceChildren();
    for (const topic of topics) {
      const row = el('tr');
      row.dataset.slug = topic.slug;
      const name = el('td', null, topic.title);
      name.appendChild(el('div', 'muted', topic.slug));
      row.appendChild(name);
      row.appendChild(el('td', 'rules', topic.query));
      row.appendChild(el('td', null, topic.categories.length === 0 ? t('all') : topic.categories.join(', ')));
      const links = el('td');
      for (const [label, href] of [['RSS', topic.urls.rss], ['Atom', topic.urls.atom], ['JSON', topic.urls.json]]) {
        const a = el('a', null, label);
        a.href = href;
        links.appendChild(a);
        links.appendChild(document.createTextNode(' '));
      }
      row.appendChild(links);
      const actions = el('td', 'actions');
      if (topic.origin === 'file') {
        actions.textContent = t('managed') + (topic.source_line ? ' (' + t('line') + ' ' + topic.source_line + ')' : '');
        actions.className = 'muted';
      } else {
        actions.appendChild(button(t('edit'), () => editTopic(topic)));
        actions.appendChild(button(t('delete'), () =>
          act(() => api('DELETE', '/admin/topics/' + encodeURIComponent(topic.slug)), t('topicDeleted', {x: topic.slug}))));
      }
      row.appendChild(actions);
      body.appendChild(row);
    }
  }

  function editTopic(topic) {
    editingTopic = topic.slug;
    $('topic-title').value = topic.title;
    $('topic-slug').value = topic.slug;
    $('topic-slug').readOnly = true;
    $('topic-query').value = topic.query;
    $('topic-categories').value = topic.categories.join(', ');
    $('topic-form-title').textContent = t('editTopic', {x: topic.slug});
    $('topic-button').textContent = t('save');
    $('topic-cancel').hidden = false;
    $('topic-form').scrollIntoView();
    schedulePreview();
  }

  function stopEditingTopic() {
    editingTopic = null;
    $('topic-form').reset();
    $('topic-slug').readOnly = false;
    $('topic-form-title').textContent = t('addTopic');
    $('topic-button').textContent = t('add');
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
    act(async () => { await work(); stopEditingTopic(); },
      t(editingTopic === null ? 'topicAdded' : 'topicSaved', {x: body.title}));
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
      $('topic-preview-status').textContent = t('typeQuery');
      matches.replaceChildren();
      return;
    }
    const params = new URLSearchParams({query, categories: split($('topic-categories').value).join(','), limit: '10'});
    try {
      const found = await api('GET', '/admin/topics/preview?' + params.toString());
      if (seq !== previewSeq) return;
      $('topic-query-problem').textContent = '';
      $('topic-preview-status').textContent = found.length === 0 ? t('noMatch') : t('latestMatches', {n: found.length});
      matches.replaceChildren();
      for (const m of found) {
        const li = el('li');
        const title = el(/^https?:\/\//i.test(m.url || '') ? 'a' : 'span', null, m.title || m.url || '(untitled)');
        if (title.tagName === 'A') {
          title.href = m.url;
          title.rel = 'noopener noreferrer';
          title.target = '_blank';
        }
        li.appendChild(title);
        li.appendChild(el('span', 'muted', ' — ' + (m.feed_title || '') + ' '));
        if (m.published) li.appendChild(time(m.published));
        matches.appendChild(li);
      }
    } catch (e) {
      if (seq !== previewSeq) return;
      $('topic-query-problem').textContent = e.errors.length > 0 ? e.errors[0].reason : e.message;
      $('topic-preview-status').textContent = '';
      matches.replaceChildren();
    }
  }

  $('topic-query').addEventListener('input', schedulePreview);
  $('topic-categories').addEventListener('input', schedulePreview);

  // ---- Wiring. ----
  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('tributary-admin-token', $('token').value);
    $('token').value = '';
    refresh();
  });

  const addForm = feedForm($('add'), null);
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitFeed(addForm, true);
  });

  let searchTimer = null;
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { view.page = 1; loadFeeds().catch((e) => say(e.message, true)); }, 250);
  });
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  for (const id of ['filter-state', 'filter-category', 'sort']) {
    $(id).addEventListener('change', () => { view.page = 1; loadFeeds().catch((e) => say(e.message, true)); });
  }
  $('prev').addEventListener('click', () => { view.page--; loadFeeds().catch((e) => say(e.message, true)); });
  $('next').addEventListener('click', () => { view.page++; loadFeeds().catch((e) => say(e.message, true)); });
  $('select-all').addEventListener('change', () => {
    for (const f of view.feeds) {
      if ($('select-all').checked) selected.add(f.id); else selected.delete(f.id);
    }
    showFeeds();
  });
  $('bulk-pause').addEventListener('click', () => bulk('pause'));
  $('bulk-resume').addEventListener('click', () => bulk('resume'));
  $('bulk-refresh').addEventListener('click', () => bulk('refresh'));
  $('bulk-categorize').addEventListener('click', () => bulk('categorize', {categories: split($('bulk-categories').value)}));

  $('language').addEventListener('change', () => {
    localStorage.setItem('tributary-admin-language', $('language').value);
    setLanguage($('language').value);
    if (!$('app').hidden) refresh(true);
  });

  setLanguage(lang);
  $('topic-preview-status').textContent = t('typeQuery');
  if (token()) {
    refresh();
  }
})();
