// The library page: every saved entry (an article and its versions),
// newest capture first, with search, filters (site, language, tag),
// selection, the user's tags, note and title, delete with Undo, export,
// import, backup and restore, and sending to the upload endpoint.
//
// Rows are built with createElement and textContent only, and rendered in
// chunks (CHUNK rows, more as the list is scrolled or "show more" is
// pressed), so thousands of articles list quickly. The summaries are read
// once; site and language filters work on them in memory, and searches use
// an in-memory index of the folded texts (search.js), built on the first
// search or when the page is idle. Selection is kept by id and covers every
// article matching the filters, not only rendered rows.

import {
  listEntries, searchIndex, queryWords, userText, deleteEntries, restoreEntries, purgeDeleted, updateEntry, getEntry,
} from '../lib/store.js';
import { exportEnvelopes, backupBlob, importFile as importFromFile } from '../lib/transfer.js';
import { addTags, getAssets } from '../lib/store.js';
import { status as uploadStatus } from '../upload/outbox.js';
import { t, localize, uiLanguage, loadLanguage } from '../ui/i18n.js';
import { formatDate, formatNumber } from '../ui/format.js';
import { safeLang, safeDir } from '../ui/urls.js';
import { buildExport, buildTemplatedExport, buildMarkdownZip, FORMATS, NEWEST_ONLY } from '../export/formats.js';
import { fallbackName } from '../export/filename.js';
import { downloadText, downloadBlob } from '../export/download.js';
import { facet, tagFacet, uploadLabel, selectAllState, debounce } from './model.js';
import { SearchIndex } from './search.js';
import { applySendState, watchEndpoint } from './sending.js';
import { UNDO_MS, schedulePurge } from '../lib/purge.js';

const CHUNK = 200;
const $ = (id) => document.getElementById(id);
let locale = uiLanguage();
const fmtDate = (iso) => formatDate(iso, locale);
const fmtTime = (iso) => formatDate(iso, locale, { time: true });
const langName = (() => {
  let names = null, namesLocale = '';
  return (code) => {
    if (namesLocale !== locale) {
      namesLocale = locale;
      try { names = new Intl.DisplayNames([locale], { type: 'language' }); } catch { names = null; /* old browser */ }
    }
    try { return (names && names.of(code)) || code; } catch { return code; }
  };
})();

// Reading the index is timed for tests and profiling: performance.getEntriesByName('library.index').
const index = new SearchIndex(async () => {
  const started = performance.now();
  const records = await searchIndex();
  performance.measure('library.index', { start: started, detail: { entries: records.size } });
  return records;
}, queryWords);

const state = {
  /** Every summary, newest first. */
  all: [],
  /** Summaries matching the filters, newest first. */
  rows: [],
  /** How many of rows are in the table. */
  rendered: 0,
  /** Selected ids. */
  selected: new Set(),
  /** Entries the search found only in older versions: id -> those versions' ids. */
  olderHits: new Map(),
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
  const all = await listEntries({});
  state.all = all;
  state.total = all.length;
  fillSelect($('site'), facet(all, 'site'), (v) => v);
  fillSelect($('lang'), facet(all, 'lang'), (v) => langName(v));
  fillSelect($('tag'), tagFacet(all), (v) => v);
}

// ---- list --------------------------------------------------------------

async function reload() {
  const seq = ++state.seq;
  const started = performance.now();
  const filter = { query: $('query').value, site: $('site').value, lang: $('lang').value, tag: $('tag').value };
  document.body.dataset.state = 'loading';
  let rows = state.all;
  if (filter.site) rows = rows.filter((r) => r.site === filter.site);
  if (filter.lang) rows = rows.filter((r) => r.lang === filter.lang);
  if (filter.tag) rows = rows.filter((r) => r.tags.includes(filter.tag));
  let olderHits = new Map();
  if (filter.query.trim()) {
    let hits;
    try {
      hits = await index.search(filter.query, rows, userText);
    } catch (err) {
      showStatus(t('errorStorage', String((err && err.message) || err)), true);
      return;
    }
    rows = rows.filter((r) => hits.has(r.id));
    for (const [id, versions] of hits) if (versions.length) olderHits.set(id, versions);
  }
  if (seq !== state.seq) return; // a newer search is on its way
  // Typed on since: the pending (debounced) reload shows the final query.
  if (filter.query !== $('query').value) return;
  state.rows = rows;
  state.olderHits = olderHits;
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
  const filtered = filter.query || filter.site || filter.lang || filter.tag;
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
  refreshUpload(chunk);
}

function row(r) {
  const selected = state.selected.has(r.id);
  const check = el('input', { type: 'checkbox', 'aria-label': t('librarySelectOne', r.title || r.url || '') });
  check.checked = selected;
  check.className = 'select';
  const title = el('a', { href: readerURL(r.id), lang: safeLang(r.lang), dir: safeDir(r.dir) || 'auto' }, r.title || r.url || '');
  const titleCell = el('td', { class: 'title' }, title);
  if (r.user_title && r.extracted_title) titleCell.append(el('span', { class: 'extracted', dir: 'auto', title: t('libraryExtractedTitle') }, r.extracted_title));
  if (r.tags.length) {
    const tags = el('ul', { class: 'tags', 'aria-label': t('readerTags') });
    for (const tag of r.tags) {
      const b = el('button', { type: 'button', class: 'tag', dir: 'auto', title: t('libraryFilterByTag', tag) }, tag);
      b.addEventListener('click', () => { $('tag').value = tag; reload(); });
      tags.append(el('li', null, b));
    }
    titleCell.append(tags);
  }
  if (r.note) titleCell.append(el('p', { class: 'note', dir: 'auto' }, r.note));
  const older = state.olderHits.get(r.id);
  if (older) titleCell.append(olderMatch(r, older));
  const edit = el('button', { type: 'button', class: 'edit', 'aria-label': t('libraryEditOne', r.title || r.url || '') }, t('libraryEdit'));
  edit.addEventListener('click', () => editEntry(r.id));
  titleCell.append(edit);
  const tr = el(
    'tr',
    { 'data-id': r.id, 'data-newest': r.newest, 'data-selected': String(selected) },
    el('td', { class: 'check' }, check),
    titleCell,
    el('td', { class: 'site' }, el('span', { dir: 'auto' }, r.site || '')),
    el('td', { class: 'date' }, r.published ? el('time', { datetime: r.published }, fmtDate(r.published)) : ''),
    el('td', { class: 'lang' }, r.lang ? el('span', { title: r.lang }, langName(r.lang)) : ''),
    el('td', { class: 'num' }, formatNumber(r.words || 0, locale)),
    el('td', { class: 'captured' }, r.captured_at ? el('time', { datetime: r.captured_at }, fmtTime(r.captured_at)) : ''),
    el('td', { class: 'num versions' }, formatNumber(r.versions.length, locale)),
    el('td', { class: 'upload-cell' }, el('span', { class: 'upload' })),
  );
  return tr;
}

/**
 * "Found in the version of <date>": the search matched words that only
 * older versions of the entry have; the link opens the newest such version.
 */
function olderMatch(r, versionIds) {
  const v = r.versions.find((x) => x.id === versionIds[0]);
  const when = v ? fmtTime(v.captured_at) : '';
  const link = el('a', { href: readerURL(r.id) + '&v=' + encodeURIComponent(versionIds[0]), class: 'older-hit', 'data-version': versionIds[0] },
    t('libraryFoundInVersion', when));
  return el('p', { class: 'older-match' }, link);
}

function rowOf(id) {
  return $('rows').querySelector('tr[data-id="' + CSS.escape(id) + '"]');
}

// ---- upload state -------------------------------------------------------

/** Shows the upload state of the entries' newest versions (what is sent). */
async function refreshUpload(entries) {
  if (!entries.length) return;
  let states;
  try {
    states = await uploadStatus(entries.map((e) => e.newest));
  } catch {
    return; // the column stays as it was; the list itself is fine
  }
  for (const { id, newest } of entries) {
    const tr = rowOf(id);
    if (!tr) continue;
    const s = states[newest];
    const label = uploadLabel(s, t, fmtTime);
    const box = el('span', { class: 'upload' }, el('span', { class: 'state', 'data-tone': label.tone, 'data-state': (s && s.state) || 'none' }, label.text));
    if (label.detail) box.append(el('span', { class: 'detail' }, label.detail));
    if (s && s.state === 'failed') {
      const retry = el('button', { type: 'button', class: 'retry-one' }, t('uploadRetryOne'));
      retry.addEventListener('click', () => send('upload.retry', [newest]));
      box.append(retry);
    }
    tr.querySelector('.upload').replaceWith(box);
  }
}

const refreshRenderedUpload = debounce(() => {
  refreshUpload(state.rows.slice(0, state.rendered));
}, 300);

// ---- selection ----------------------------------------------------------

function updateSelection() {
  const s = selectAllState(state.rows.map((r) => r.id), state.selected);
  const all = $('select-all');
  all.checked = s.checked;
  all.indeterminate = s.indeterminate;
  $('selection').textContent = s.count ? t('librarySelected', formatNumber(s.count, locale)) : '';
  for (const id of ['delete', 'export-selected', 'send-selected', 'tag-selected']) $(id).disabled = s.count === 0;
  applySendState(); // no endpoint: the send buttons stay off (sending.js)
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

/** The newest version's record id of each entry (what "send" sends). */
function newestOf(ids) {
  const byId = new Map(state.all.map((r) => [r.id, r.newest]));
  return ids.map((id) => byId.get(id)).filter(Boolean);
}

// ---- actions ------------------------------------------------------------

/**
 * Deletes the entries at once, without asking, and offers Undo for
 * UNDO_MS; they are removed for good only after that: by this page, or,
 * when it is closed before, by the background when the alarm set in
 * offerUndo rings (lib/purge.js).
 */
async function deleteNow(ids) {
  if (!ids.length) return;
  try {
    await deleteEntries(ids);
  } catch (err) {
    showStatus(t('errorStorage', String((err && err.message) || err)), true);
    return;
  }
  for (const id of ids) state.selected.delete(id);
  offerUndo(ids);
  await libraryChanged();
  $('query').focus();
}

let undoTimer = null;

/** Shows "Deleted N. Undo" and purges when the time is up. */
function offerUndo(ids) {
  clearTimeout(undoTimer);
  // The background purges if this page is closed before the time is up.
  schedulePurge().catch((err) => console.warn('barg: purge alarm:', err && err.message));
  const box = $('status');
  box.classList.remove('error');
  const undo = el('button', { type: 'button', id: 'undo' }, t('libraryUndo'));
  box.replaceChildren(t('libraryDeleted', formatNumber(ids.length, locale)) + ' ', undo);
  undo.addEventListener('click', async () => {
    clearTimeout(undoTimer);
    await restoreEntries(ids);
    showStatus(t('libraryRestored', formatNumber(ids.length, locale)));
    await libraryChanged();
  }, { once: true });
  undoTimer = setTimeout(async () => {
    if (undo.isConnected) undo.remove();
    await purgeDeleted(new Date(Date.now() - UNDO_MS)).catch(() => {});
  }, UNDO_MS + 500);
}

// ---- the user's words ---------------------------------------------------------

/** Opens the dialog for an entry's title, tags and note. */
async function editEntry(id) {
  const e = await getEntry(id);
  if (!e) return;
  const dialog = $('edit-dialog');
  $('edit-title').value = e.title;
  $('edit-title').placeholder = e.extracted_title;
  $('edit-extracted').textContent = e.extracted_title ? t('libraryExtractedTitleIs', e.extracted_title) : '';
  $('edit-tags').value = e.tags.join(t('tagSeparator'));
  $('edit-note').value = e.note;
  dialog.returnValue = '';
  dialog.showModal();
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'save') return;
    try {
      await updateEntry(id, { title: $('edit-title').value, tags: $('edit-tags').value, note: $('edit-note').value });
    } catch (err) {
      showStatus(t('errorStorage', String((err && err.message) || err)), true);
      return;
    }
    showStatus(t('librarySavedEdit'));
    await libraryChanged();
    const tr = rowOf(id);
    if (tr) tr.querySelector('button.edit').focus();
  }, { once: true });
}

/** Adds the tags typed in the toolbar to the selected entries. */
async function tagSelected() {
  const ids = selectedIds();
  const tags = $('tag-input').value;
  if (!ids.length || !tags.trim()) { $('tag-input').focus(); return; }
  await addTags(ids, tags);
  $('tag-input').value = '';
  showStatus(t('libraryTagged', formatNumber(ids.length, locale)));
  await libraryChanged();
}

/** Fills the user's template of kind for each article or capture envelope, in the background's Go. */
async function renderWithGo(kind, articles) {
  const answer = await chrome.runtime.sendMessage({ type: 'tools.render', kind, articles });
  if (!answer || !answer.ok) throw new Error((answer && answer.error) || 'no answer');
  return answer.texts;
}

/**
 * Exports entries (all when ids is omitted). JSON and JSON Lines carry
 * every version with the user's words (importable); Markdown and the
 * citations (CSL-JSON, BibTeX) the newest version of each entry, Markdown
 * of several entries as a ZIP of one file each.
 */
async function exportArticles(ids) {
  const format = $('export-format').value;
  try {
    let f;
    let env = await exportEnvelopes(ids);
    if (NEWEST_ONLY.has(format)) {
      const seen = new Set();
      env = env.filter((e) => (seen.has(e.entry_id) ? false : seen.add(e.entry_id)));
    }
    if (format === 'markdown') {
      if (env.length > 1) {
        await exportMarkdownZip(env);
        return;
      }
    }
    try {
      // The user's templates, filled by Go in the background (background/tools.js).
      f = await buildTemplatedExport(format, env, renderWithGo);
    } catch (err) {
      // Go did not answer: the built-in export writes what the default templates write.
      console.warn('barg: templated export failed, using the built-in one:', err && err.message);
      f = buildExport(format, env);
    }
    downloadText(f.text, f.name, f.mime);
    showStatus(t('libraryExported', formatNumber(ids ? ids.length : state.total, locale), f.name));
  } catch (err) {
    showStatus(t('libraryExportFailed', String((err && err.message) || err)), true);
  }
}

/**
 * Several entries as Markdown: a ZIP of one .md file per entry (what
 * Obsidian or Logseq read as notes), each named by the file-name template.
 */
async function exportMarkdownZip(env) {
  // Images kept with the captures go in under assets/, the Markdown pointing at them.
  const f = await buildMarkdownZip(env, renderWithGo, new Date(), { getAssets });
  downloadBlob(f.bytes, f.name, f.mime);
  showStatus(t('libraryExportedZip', formatNumber(env.length, locale), f.name));
}

/**
 * Saves everything as one JSON Lines file that restores the library as it
 * is, the kept images included (lib/transfer.js backupBlob), showing how
 * far it got while it works.
 */
async function backup() {
  const button = $('backup');
  button.disabled = true;
  try {
    const { blob, captures, images } = await backupBlob({
      onProgress: (p) => showStatus(t('libraryBackingUp', formatNumber(p.captures, locale), formatNumber(p.of, locale), formatNumber(p.images, locale))),
    });
    const name = fallbackName(new Date()).replace('barg-export', 'barg-backup') + '.' + FORMATS.jsonl.ext;
    downloadBlob(blob, name);
    showStatus(images ? t('libraryBackedUpImages', name, formatNumber(captures, locale), formatNumber(images, locale)) : t('libraryBackedUp', name));
  } catch (err) {
    showStatus(t('libraryExportFailed', String((err && err.message) || err)), true);
  } finally {
    button.disabled = false;
  }
}

/**
 * Imports the chosen file: an export or a backup, from this browser or
 * another, read a line at a time (lib/transfer.js importFile) with its
 * progress shown.
 */
async function importFile(file) {
  if (!file) return;
  showStatus(t('libraryImporting', file.name));
  try {
    const res = await importFromFile(file, {
      onProgress: (p) => showStatus(t('libraryImportingProgress', file.name, formatNumber(p.size ? Math.floor((100 * p.read) / p.size) : 100, locale),
        formatNumber(p.added, locale), formatNumber(p.images, locale))),
    });
    let msg = res.images
      ? t('libraryImportedImages', formatNumber(res.added, locale), formatNumber(res.images, locale), formatNumber(res.duplicates, locale))
      : t('libraryImported', formatNumber(res.added, locale), formatNumber(res.duplicates, locale));
    if (res.errors.length) msg += ' ' + t('libraryImportErrors', formatNumber(res.errors.length, locale), res.errors.slice(0, 3).join(t('listSeparator')));
    showStatus(msg, res.errors.length > 0);
    await libraryChanged();
  } catch (err) {
    showStatus(t('libraryImportFailed', String((err && err.message) || err)), true);
    await libraryChanged();
  } finally {
    $('import-file').value = '';
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
  $('tag').addEventListener('change', reload);

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
      deleteNow(selectedIds());
    }
  });

  $('delete').addEventListener('click', () => deleteNow(selectedIds()));
  $('tag-selected').addEventListener('click', tagSelected);
  $('tag-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); tagSelected(); } });
  $('backup').addEventListener('click', backup);
  $('import').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', (e) => importFile(e.target.files && e.target.files[0]));
  $('export-selected').addEventListener('click', () => exportArticles(selectedIds()));
  $('export-all').addEventListener('click', () => exportArticles(undefined));
  $('send-selected').addEventListener('click', () => send('upload.send', newestOf(selectedIds())));
  $('send-all').addEventListener('click', () => send('upload.send', state.all.map((r) => r.newest)));
  $('retry').addEventListener('click', () => send('upload.retry', state.selected.size ? newestOf(selectedIds()) : undefined));

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
  await loadLanguage();
  locale = uiLanguage();
  localize();
  wire();
  watchEndpoint(updateSelection).catch(() => {});
  try {
    await refreshFacets();
  } catch (err) {
    showStatus(t('errorStorage', String((err && err.message) || err)), true);
  }
  // Read the search index while the list is rendered: IndexedDB reads it
  // off this thread, and the first search does not wait for it (it is a few
  // records of word ids, lib/wordindex.js).
  index.ensure().catch(() => {});
  const params = new URLSearchParams(location.search);
  if (params.get('tag')) $('tag').value = params.get('tag');
  await reload();
  // The reader sends here after deleting an entry: it can still be undone.
  if (params.get('deleted')) offerUndo([params.get('deleted')]);
  $('query').focus();
  // Deletes whose undo time passed while no page was open and the
  // background has not purged yet; they are not listed meanwhile.
  purgeDeleted(new Date(Date.now() - UNDO_MS)).catch(() => {});
}

main();
