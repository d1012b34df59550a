// The reader page: reader.html?id=<entry id>[&v=<version id>] shows one
// library entry, its newest version unless another is asked for. The id may
// also name a version (links from before versions, capture results).
//
// It reads the entry (its list of versions) and the bodies of the versions
// it shows, never the rest of the library. One can switch versions, compare
// two (paragraphs added and removed, diff.js), edit the entry's title, tags
// and note, export the version shown, and delete the entry (the library then
// offers Undo).

import { findEntry, getArticle, getAssets, updateEntry, deleteEntries } from '../lib/store.js';
import { t, localize, uiLanguage, directionOf, loadLanguage } from '../ui/i18n.js';
import { formatDate, formatNumber } from '../ui/format.js';
import { safeLang, safeDir } from '../ui/urls.js';
import { renderArticle } from './render.js';
import { paragraphsOf, diffParagraphs, diffCounts } from './diff.js';
import { buildExport } from '../export/formats.js';
import { captureEnvelope } from '../export/json.js';
import { downloadText } from '../export/download.js';
import { copyMarkdown } from '../export/clipboard.js';
import { chromiumFileName } from '../export/filename.js';

const $ = (id) => document.getElementById(id);
let locale = uiLanguage();
const fmtTime = (iso) => formatDate(iso, locale, { time: true });

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v) e.setAttribute(k, v);
  for (const k of kids) if (k !== undefined && k !== null && k !== '') e.append(k);
  return e;
}

const state = { entry: null, record: null, local: new Map() };

/** Image types shown from a local copy: raster only (lib/assets.js never stores others). */
const LOCAL_TYPES = /^image\/(jpeg|png|gif|webp|avif|bmp|x-icon)$/;

/** A URL as lib/assets.js lists it: absolute, without the fragment. */
function withoutHash(src) {
  try {
    const u = new URL(src);
    u.hash = '';
    return u.href;
  } catch {
    return '';
  }
}

/** Makes blob: URLs for the images kept with the record shown, revoking the previous ones. */
async function loadImages() {
  for (const url of state.local.values()) URL.revokeObjectURL(url);
  state.local = new Map();
  if (!state.record || !state.record.assets || !state.record.assets.kept || !state.record.assets.kept.length) return;
  let assets = [];
  try {
    assets = await getAssets(state.record.id);
  } catch (err) {
    console.warn('barg: reader: kept images:', (err && err.message) || err);
  }
  for (const a of assets) {
    if (!LOCAL_TYPES.test(a.type) || !(a.data instanceof ArrayBuffer) || state.local.has(a.src)) continue;
    state.local.set(a.src, URL.createObjectURL(new Blob([a.data], { type: a.type })));
  }
}

function versionLabel(v, i) {
  return t('readerVersionLabel', formatNumber(state.entry.versions.length - i, locale), fmtTime(v.captured_at), formatNumber(v.words, locale));
}

function fillVersions() {
  const sel = $('version');
  const cmp = $('compare');
  sel.replaceChildren();
  while (cmp.options.length > 1) cmp.remove(1);
  state.entry.versions.forEach((v, i) => {
    sel.append(el('option', { value: v.id }, versionLabel(v, i)));
    cmp.append(el('option', { value: v.id }, versionLabel(v, i)));
  });
  sel.value = state.record.id;
  for (const l of document.querySelectorAll('label.versions')) l.hidden = state.entry.versions.length < 2;
}

function showArticle() {
  const a = state.record.article;
  document.title = (state.entry.title || a.title || a.url || '') + ' — ' + t('extName');
  const shown = state.entry.user_title ? { ...a, title: state.entry.user_title } : a;
  $('view').replaceChildren(
    renderArticle(document, shown, {
      t,
      uiLang: locale,
      uiDir: directionOf(locale),
      formatDate: (iso) => formatDate(iso, locale),
      formatNumber: (n) => formatNumber(n, locale),
      localSrc: (src) => state.local.get(withoutHash(src)) || '',
      failed: (state.record.assets && state.record.assets.failed) || [],
    }),
  );
  $('compare').value = '';
  document.body.dataset.view = 'article';
}

/** Shows what changed between the version shown and another, older to newer. */
async function showDiff(otherId) {
  const other = await getArticle(otherId);
  if (!other) return;
  const [older, newer] = other.captured_at <= state.record.captured_at ? [other, state.record] : [state.record, other];
  const ops = diffParagraphs(paragraphsOf(older.article), paragraphsOf(newer.article));
  const { added, removed } = diffCounts(ops);
  const a = newer.article;
  const box = el('section', { class: 'diff reader', lang: safeLang(a.lang), dir: safeDir(a.dir) || 'auto' });
  box.append(el('h1', null, String(state.entry.title || a.title || '')));
  box.append(el('p', { class: 'diff-summary', lang: safeLang(locale), dir: directionOf(locale) },
    t('readerDiffSummary', fmtTime(older.captured_at), fmtTime(newer.captured_at), formatNumber(added, locale), formatNumber(removed, locale))));
  if (older.article.title !== newer.article.title) {
    box.append(el('p', { class: 'removed' }, el('del', null, String(older.article.title || ''))));
    box.append(el('p', { class: 'added' }, el('ins', null, String(newer.article.title || ''))));
  }
  for (const o of ops) {
    const text = o.op === 'added' ? el('ins', null, o.text) : o.op === 'removed' ? el('del', null, o.text) : o.text;
    box.append(el('p', { class: o.op, 'data-op': o.op, dir: 'auto' }, text));
  }
  $('view').replaceChildren(box);
  document.body.dataset.view = 'diff';
}

async function showVersion(id) {
  const rec = await getArticle(id);
  if (!rec) return;
  state.record = rec;
  const u = new URL(location.href);
  u.searchParams.set('id', state.entry.id);
  if (id === state.entry.newest) u.searchParams.delete('v');
  else u.searchParams.set('v', id);
  history.replaceState(null, '', u);
  await loadImages();
  showArticle();
}

function fillUser() {
  const e = state.entry;
  $('user').hidden = false;
  $('user-title').value = e.title;
  $('user-title').placeholder = e.extracted_title;
  $('user-extracted').textContent = e.user_title && e.extracted_title ? t('libraryExtractedTitleIs', e.extracted_title) : '';
  $('user-tags').value = e.tags.join(t('tagSeparator'));
  $('user-note').value = e.note;
  if (e.tags.length || e.note || e.user_title) $('user').open = true;
}

/** Offers a Blob as a download named name (see export/download.js). */
function downloadBlob(blob, name) {
  if (location.protocol === 'chrome-extension:') name = chromiumFileName(name);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function wire() {
  $('version').addEventListener('change', (e) => showVersion(e.target.value));
  $('compare').addEventListener('change', (e) => {
    if (e.target.value && e.target.value !== state.record.id) showDiff(e.target.value);
    else showArticle();
  });
  $('user-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      state.entry = await updateEntry(state.entry.id, { title: $('user-title').value, tags: $('user-tags').value, note: $('user-note').value });
      $('user-status').textContent = t('librarySavedEdit');
      fillUser();
      if (document.body.dataset.view === 'article') showArticle();
    } catch (err) {
      $('user-status').textContent = t('errorStorage', String((err && err.message) || err));
    }
  });
  $('export').addEventListener('click', async () => {
    const envelope = captureEnvelope(state.record, state.entry);
    if ($('export-format').value === 'zip-images') {
      // The zip writer loads only when asked for.
      try {
        const { zipWithImages } = await import('../export/withimages.js');
        const { name, blob } = await zipWithImages([envelope], getAssets);
        downloadBlob(blob, name);
      } catch (err) {
        $('user-status').textContent = t('errorStorage', String((err && err.message) || err));
      }
      return;
    }
    const f = buildExport($('export-format').value, [envelope]);
    downloadText(f.text, f.name, f.mime);
  });
  $('copy-markdown').addEventListener('click', copyShown);
  // Deleting asks nothing: the library it goes back to offers Undo.
  $('delete').addEventListener('click', async () => {
    await deleteEntries([state.entry.id]);
    location.href = '../library/library.html?deleted=' + encodeURIComponent(state.entry.id);
  });
}

/**
 * Copies the version shown as Markdown: the user's template filled by Go
 * in the background, or the built-in Markdown when Go does not answer.
 */
async function copyShown() {
  const say = (text) => { $('copy-status').textContent = text; };
  const render = async (kind, articles) => {
    const answer = await chrome.runtime.sendMessage({ type: 'tools.render', kind, articles });
    if (!answer || !answer.ok) throw new Error((answer && answer.error) || 'no answer');
    return answer.texts;
  };
  try {
    await copyMarkdown(captureEnvelope(state.record, state.entry), render);
    say(t('readerCopied'));
  } catch (err) {
    say(t('readerCopyFailed', String((err && err.message) || err)));
  }
}

async function main() {
  await loadLanguage();
  locale = uiLanguage();
  localize();
  const params = new URLSearchParams(location.search);
  const id = params.get('id') || '';
  const status = $('status');
  let entry;
  try {
    entry = id ? await findEntry(id) : undefined;
  } catch (err) {
    status.textContent = t('errorStorage', String((err && err.message) || err));
    status.classList.add('error');
  }
  if (!entry || entry.deleted_at) {
    if (!status.textContent) status.textContent = t('readerNotFound');
    for (const b of document.querySelectorAll('.toolbar button, .toolbar select')) b.disabled = true;
    document.body.dataset.state = 'missing';
    return;
  }
  state.entry = entry;
  // The entry's id is also its first version's: that id opens the newest.
  const wanted = params.get('v') || (id !== entry.id && entry.versions.some((v) => v.id === id) ? id : entry.newest);
  state.record = (await getArticle(wanted)) || (await getArticle(entry.newest));
  if (!state.record) {
    status.textContent = t('readerNotFound');
    document.body.dataset.state = 'missing';
    return;
  }
  status.remove();
  fillVersions();
  fillUser();
  await loadImages();
  showArticle();
  wire();
  document.body.dataset.state = 'ready';
}

main();
