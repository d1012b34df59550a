// The library page: every saved article, newest first, with search,
// filters, selection, delete, export, and sending to the upload endpoint.
//
// Rows are built with createElement and textContent only, and rendered in
// chunks (CHUNK rows, more as the list is scrolled or "show more" is
// pressed), so thousands of articles list quickly. The summaries are read
// once; site and language filters work on them in memory, and searches use
// an in-memory index of the folded texts (search.js), built on the first
// search or when the page is idle. Selection is kept by id and covers every
// article matching the filters, not only rendered rows.

import { listArticles, getArticles, deleteArticles, foldForSearch } from '../lib/store.js';
import { status as uploadStatus } from '../upload/outbox.js';
import { t, localize, uiLanguage } from '../ui/i18n.js';
import { formatDate, formatNumber } from '../ui/format.js';
import { safeLang, safeDir } from '../ui/urls.js';
import { buildExport, buildTemplatedExport } from '../export/formats.js';
import { downloadText } from '../export/download.js';
import { facet, uploadLabel, selectAllState, debounce } from './model.js';
import { SearchIndex } from './search.js';

const CHUNK = 200;
const $ = (id) => document.getElementById(id);
const locale = uiLanguage();
const fmtDate = (iso) => formatDate(iso, locale);
const fmtTime = (iso) => formatDate(iso, locale, { time: true });
const langName = (() => {
  let names = null;
  try { names = new Intl.DisplayNames([locale], { type: 'language' }); } catch { /* old browser */ }
  return (code) => {
    try { return (names && names.of(code)) || code; } catch { return code; }
  };
})();

const index = new SearchIndex(() => getArticles(), foldForSearch);

const state = {
  /** Every summary, newest first. */
  all: [],
  /** Summaries matching the filters, newest first. */
  rows: [],
  /** How many of rows are in the table. */
  rendered: 0,
  /** Selected ids. */
  selected: new Set(),
  /** Sequence number of the latest list request: older answers are dropped. */
  seq: 0,
  /** Library size, unfiltered. */
  total: 0,
};

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null && v !== '') e.setAttribute(k, v);
  for (const k of kids) if (k !== undefined && k !== null) e.append(k);
  return e;
}

function showStatus(text, isError = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

function readerURL(id) {
  return '../reader/reader.html?id=' + encodeURIComponent(id);
}

// ---- filters -----------------------------------------------------------

/** Refills a filter select from the data, keeping the current choice. */
function fillSelect(select, items, label) {
  const current = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const { value, count } of items) {
    select.append(el('option', { value }, label(value) + ' (' + formatNumber(count, locale) + ')'));
  }
  select.value = items.some((i) => i.value === current) ? current : '';
}

/** Reads the summaries again (after a change to the library) and refills the filters. */
async function refreshFacets() {
  const all = await listArticles({});
  state.all = all;
  state.total = all.length;
  fillSelect($('site'), facet(all, 'site'), (v) => v);
  fillSelect($('lang'), facet(all, 'lang'), (v) => langName(v));
}

// ---- list --------------------------------------------------------------

async function reload() {
  const seq = ++state.seq;
  const started = performance.now();
  const filter = { query: $('query').value, site: $('site').value, lang: $('lang').value };
  document.body.dataset.state = 'loading';
  let rows = state.all;
  if (filter.site) rows = rows.filter((r) => r.site === filter.site);
  if (filter.lang) rows = rows.filter((r) => r.lang === filter.lang);
  if (filter.query.trim()) {
    let hits;
    try {
      hits = await index.search(filter.query);
    } catch (err) {
      showStatus(t('errorStorage', String((err && err.message) || err)), true);
      return;
    }
    rows = rows.filter((r) => hits.has(r.id));
  }
  if (seq !== state.seq) return; // a newer search is on its way
  state.rows = rows;
  const shown = new Set(rows.map((r) => r.id));
  for (const id of state.selected) if (!shown.has(id)) state.selected.delete(id);
  $('rows').replaceChildren();
  state.rendered = 0;
  renderMore();
  updateCount(filter);
  updateSelection();
  // Timings for tests and for people profiling: performance.getEntriesByName('library.reload').
  performance.measure('library.reload', { start: started, detail: { rows: rows.length, query: Boolean(filter.query) } });
  document.body.dataset.state = 'ready';
}

function updateCount(filter) {
  const n = formatNumber(state.rows.length, locale);
  const filtered = filter.query || filter.site || filter.lang;
  $('count').textContent = filtered
    ? t('libraryCountFiltered', n, formatNumber(state.total, locale))
    : t('libraryCount', n);
  const empty = $('empty');
  empty.hidden = state.rows.length > 0;
  empty.textContent = state.total === 0 ? t('libraryEmpty') : t('libraryNoMatch');
  $('table').hidden = state.rows.length === 0;
}

function renderMore() {
  const start = state.rendered;
  const chunk = state.rows.slice(start, start + CHUNK);
  const frag = document.createDocumentFragment();
  for (const r of chunk) frag.append(row(r));
  $('rows').append(frag);
  state.rendered += chunk.length;
  const left = state.rows.length - state.rendered;
  const more = $('more');
  more.hidden = left <= 0;
  more.textContent = t('libraryShowMore', formatNumber(Math.min(left, CHUNK), locale), formatNumber(left, locale));
  refreshUpload(chunk.map((r) => r.id));
}

function row(r) {
  const selected = state.selected.has(r.id);
  const check = el('input', { type: 'checkbox', 'aria-label': t('librarySelectOne', r.title || r.url || '') });
  check.checked = selected;
  check.className = 'select';
  const title = el('a', { href: readerURL(r.id), lang: safeLang(r.lang), dir: safeDir(r.dir) || 'auto' }, r.title || r.url || '');
  const tr = el(
    'tr',
    { 'data-id': r.id, 'data-selected': String(selected) },
    el('td', { class: 'check' }, check),
    el('td', { class: 'title' }, title),
    el('td', { class: 'site' }, el('span', { dir: 'auto' }, r.site || '')),
    el('td', { class: 'date' }, r.published ? el('time', { datetime: r.published }, fmtDate(r.published)) : ''),
    el('td', { class: 'lang' }, r.lang ? el('span', { title: r.lang }, langName(r.lang)) : ''),
    el('td', { class: 'num' }, formatNumber(r.words || 0, locale)),
    el('td', { class: 'captured' }, r.captured_at ? el('time', { datetime: r.captured_at }, fmtTime(r.captured_at)) : ''),
    el('td', { class: 'upload-cell' }, el('span', { class: 'upload' })),
  );
  return tr;
}

function rowOf(id) {
  return $('rows').querySelector('tr[data-id="' + CSS.escape(id) + '"]');
}

// ---- upload state -------------------------------------------------------

async function refreshUpload(ids) {
  if (!ids.length) return;
  let states;
  try {
    states = await uploadStatus(ids);
  } catch {
    return; // the column stays as it was; the list itself is fine
  }
  for (const id of ids) {
    const tr = rowOf(id);
    if (!tr) continue;
    const s = states[id];
    const label = uploadLabel(s, t, fmtTime);
    const box = el('span', { class: 'upload' }, el('span', { class: 'state', 'data-tone': label.tone, 'data-state': (s && s.state) || 'none' }, label.text));
    if (label.detail) box.append(el('span', { class: 'detail' }, label.detail));
    if (s && s.state === 'failed') {
      const retry = el('button', { type: 'button', class: 'retry-one' }, t('uploadRetryOne'));
      retry.addEventListener('click', () => send('upload.retry', [id]));
      box.append(retry);
    }
    tr.querySelector('.upload').replaceWith(box);
  }
}

const refreshRenderedUpload = debounce(() => {
  refreshUpload(state.rows.slice(0, state.rendered).map((r) => r.id));
}, 300);

// ---- selection ----------------------------------------------------------

function updateSelection() {
  const s = selectAllState(state.rows.map((r) => r.id), state.selected);
  const all = $('select-all');
  all.checked = s.checked;
  all.indeterminate = s.indeterminate;
  $('selection').textContent = s.count ? t('librarySelected', formatNumber(s.count, locale)) : '';
  for (const id of ['delete', 'export-selected', 'send-selected']) $(id).disabled = s.count === 0;
}

function setSelected(id, on) {
  if (on) state.selected.add(id);
  else state.selected.delete(id);
  const tr = rowOf(id);
  if (tr) {
    tr.dataset.selected = String(on);
    tr.querySelector('input.select').checked = on;
  }
}

function selectedIds() {
  // In list order (newest first), for exports and sending.
  return state.rows.map((r) => r.id).filter((id) => state.selected.has(id));
}

// ---- actions ------------------------------------------------------------

function confirmDelete() {
  const ids = selectedIds();
  if (!ids.length) return;
  $('confirm-text').textContent = t('libraryConfirmDelete', formatNumber(ids.length, locale));
  const dialog = $('confirm-delete');
  dialog.returnValue = '';
  dialog.showModal();
  dialog.addEventListener(
    'close',
    async () => {
      if (dialog.returnValue !== 'delete') return;
      try {
        await deleteArticles(ids);
      } catch (err) {
        showStatus(t('errorStorage', String((err && err.message) || err)), true);
        return;
      }
      for (const id of ids) state.selected.delete(id);
      index.remove(ids);
      showStatus(t('libraryDeleted', formatNumber(ids.length, locale)));
      await refreshFacets();
      await reload();
      $('query').focus();
    },
    { once: true },
  );
}

/** Fills the user's template of kind for each article, in the background's Go. */
async function renderWithGo(kind, articles) {
  const answer = await chrome.runtime.sendMessage({ type: 'tools.render', kind, articles });
  if (!answer || !answer.ok) throw new Error((answer && answer.error) || 'no answer');
  return answer.texts;
}

async function exportArticles(ids) {
  const format = $('export-format').value;
  try {
    const records = await getArticles(ids);
    // Newest first, as listed.
    records.sort((a, b) => (a.captured_at < b.captured_at ? 1 : a.captured_at > b.captured_at ? -1 : 0));
    const articles = records.map((r) => r.article);
    let f;
    try {
      // The user's templates, filled by Go in the background (background/tools.js).
      f = await buildTemplatedExport(format, articles, renderWithGo);
    } catch (err) {
      // Go did not answer: the built-in export writes what the default templates write.
      console.warn('barg: templated export failed, using the built-in one:', err && err.message);
      f = buildExport(format, articles);
    }
    downloadText(f.text, f.name, f.mime);
    showStatus(t('libraryExported', formatNumber(records.length, locale), f.name));
  } catch (err) {
    showStatus(t('libraryExportFailed', String((err && err.message) || err)), true);
  }
}

async function send(type, ids) {
  let answer;
  try {
    answer = await chrome.runtime.sendMessage({ type, ids });
  } catch (err) {
    answer = { ok: false, error: String((err && err.message) || err) };
  }
  if (answer && answer.ok === false) showStatus(t('librarySendFailed', String(answer.error || '')), true);
  else if (type === 'upload.retry') showStatus(t('libraryRetrying'));
  else showStatus(t('librarySending', formatNumber(ids.length, locale)));
  refreshRenderedUpload();
}

// ---- wiring -------------------------------------------------------------

function wire() {
  const reloadSoon = debounce(reload, 250);
  $('query').addEventListener('input', reloadSoon);
  $('query').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') reload();
    if (e.key === 'ArrowDown') focusRow(0, 'a');
  });
  $('site').addEventListener('change', reload);
  $('lang').addEventListener('change', reload);

  $('select-all').addEventListener('change', (e) => {
    const on = e.target.checked;
    for (const r of state.rows) setSelected(r.id, on);
    updateSelection();
  });
  $('rows').addEventListener('change', (e) => {
    if (!e.target.matches('input.select')) return;
    setSelected(e.target.closest('tr').dataset.id, e.target.checked);
    updateSelection();
  });

  $('rows').addEventListener('keydown', onRowKey);
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Delete' || e.defaultPrevented) return;
    const target = e.target;
    if (target.matches && target.matches('input[type="search"], input[type="text"], select, textarea')) return;
    if (document.querySelector('dialog[open]')) return;
    if (state.selected.size) {
      e.preventDefault();
      confirmDelete();
    }
  });

  $('delete').addEventListener('click', confirmDelete);
  $('export-selected').addEventListener('click', () => exportArticles(selectedIds()));
  $('export-all').addEventListener('click', () => exportArticles(undefined));
  $('send-selected').addEventListener('click', () => send('upload.send', selectedIds()));
  $('send-all').addEventListener('click', () => send('upload.send', state.all.map((r) => r.id)));
  $('retry').addEventListener('click', () => send('upload.retry', state.selected.size ? selectedIds() : undefined));

  $('more').addEventListener('click', () => {
    const next = state.rendered;
    renderMore();
    focusRow(next, 'a');
  });
  if ('IntersectionObserver' in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !$('more').hidden) renderMore();
    }, { rootMargin: '600px' }).observe($('more'));
  }

  // Upload states change in the background; new captures may arrive.
  chrome.storage?.onChanged?.addListener(() => refreshRenderedUpload());
  chrome.runtime?.onMessage?.addListener((msg) => {
    if (msg && (msg.type === 'library.changed' || msg.type === 'article.saved')) libraryChanged();
    if (msg && typeof msg.type === 'string' && msg.type.startsWith('upload.')) refreshRenderedUpload();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') libraryChanged();
  });
}

/** Reads the library again: articles may have been captured or deleted elsewhere. */
async function libraryChanged() {
  index.invalidate();
  await refreshFacets();
  await reload();
}

/** Moves focus to the control of kind ("a" or "input") in the row at index. */
function focusRow(index, kind) {
  const rows = $('rows').rows;
  if (!rows.length) return;
  const tr = rows[Math.max(0, Math.min(rows.length - 1, index))];
  const target = tr.querySelector(kind === 'input' ? 'input.select' : 'td.title a');
  target && target.focus();
}

function onRowKey(e) {
  const tr = e.target.closest('tr');
  if (!tr) return;
  const index = tr.sectionRowIndex;
  const kind = e.target.matches('input') ? 'input' : 'a';
  switch (e.key) {
    case 'ArrowDown':
      e.preventDefault();
      if (index + 1 >= state.rendered && !$('more').hidden) renderMore();
      focusRow(index + 1, kind);
      break;
    case 'ArrowUp':
      e.preventDefault();
      if (index === 0) $('query').focus();
      else focusRow(index - 1, kind);
      break;
    case 'Home':
      if (e.ctrlKey) { e.preventDefault(); focusRow(0, kind); }
      break;
    case 'End':
      if (e.ctrlKey) { e.preventDefault(); focusRow(state.rendered - 1, kind); }
      break;
    case 'Enter':
      // Enter on a link opens it natively; on the checkbox it opens the reader too.
      if (kind === 'input') {
        e.preventDefault();
        location.href = readerURL(tr.dataset.id);
      }
      break;
  }
}

async function main() {
  localize();
  wire();
  try {
    await refreshFacets();
  } catch (err) {
    showStatus(t('errorStorage', String((err && err.message) || err)), true);
  }
  await reload();
  $('query').focus();
  // Build the search index while the user is reading the list.
  const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 500));
  idle(() => index.ensure().catch(() => {}));
}

main();
