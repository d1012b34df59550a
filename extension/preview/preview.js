// The preview before saving (settings: "When I click Barg: show a preview
// first"): preview.html?id=<pending capture> shows the extracted article's
// title, byline, date, site, first paragraphs, word count and language,
// with fields for tags and a note, and Save / Save and send (when an
// endpoint is set) / Copy as Markdown / Cancel. The background keeps the
// capture in session storage until Save or Cancel (background/capture.js).
// Captured text is shown with textContent only.

import { t, localize, loadLanguage, uiLanguage, directionOf } from '../ui/i18n.js';
import { formatDate, formatNumber } from '../ui/format.js';
import { safeLang, safeDir } from '../ui/urls.js';
import { copyMarkdown } from '../export/clipboard.js';
import { loadSettings } from '../upload/config.js';
import { cleanTags } from '../lib/store.js';

const PENDING_PREFIX = 'preview.';
const PARAS = 3;
const $ = (id) => document.getElementById(id);

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function close() {
  // A popup window closes; a tab opened instead does too (it was opened by the extension).
  setTimeout(() => window.close(), 800);
}

/** The user's template of kind filled by Go in the background (background/tools.js). */
async function renderWithGo(kind, articles) {
  const answer = await chrome.runtime.sendMessage({ type: 'tools.render', kind, articles });
  if (!answer || !answer.ok) throw new Error((answer && answer.error) || 'no answer');
  return answer.texts;
}

async function main() {
  await loadLanguage();
  localize();
  const locale = uiLanguage();
  const id = new URLSearchParams(location.search).get('id') || '';
  const key = PENDING_PREFIX + id;
  const got = await chrome.storage.session.get(key);
  const pending = got && got[key];
  if (!pending) {
    say(t('previewGone'));
    document.body.dataset.state = 'missing';
    return;
  }
  const a = pending.article;
  const card = $('card');
  card.lang = safeLang(a.lang);
  card.dir = safeDir(a.dir) || 'auto';
  $('title').textContent = a.title || a.url || '';
  const by = [];
  if (a.authors && a.authors.length) by.push(a.authors.join(t('listSeparator')));
  if (a.site_name) by.push(a.site_name);
  const date = a.published_text || (a.published ? formatDate(a.published, locale) : '');
  if (date) by.push(date);
  $('byline').textContent = by.join(' · ');
  const facts = $('facts');
  facts.lang = locale;
  facts.dir = directionOf(locale);
  let langName = a.lang || '';
  try { langName = new Intl.DisplayNames([locale], { type: 'language' }).of(a.lang) || a.lang; } catch { /* unknown tag */ }
  facts.textContent = [t('readerWords', formatNumber(a.word_count || 0, locale)), langName].filter(Boolean).join(t('listSeparator'));
  const paras = (a.blocks || []).filter((b) => b && b.type === 'paragraph' && b.text).slice(0, PARAS);
  for (const b of paras) {
    const p = document.createElement('p');
    p.dir = safeDir(b.dir) || 'auto';
    p.textContent = b.text;
    $('paras').append(p);
  }
  card.hidden = false;
  $('form').hidden = false;

  let endpoint = false;
  try { endpoint = Boolean((await loadSettings(chrome.storage.local)).endpoint); } catch { /* no upload settings */ }
  $('save-send').hidden = !endpoint;

  let busy = false;
  const save = async (send) => {
    if (busy) return;
    busy = true;
    const answer = await chrome.runtime.sendMessage({
      type: 'library.savePreview', id, send, tags: cleanTags($('tags').value), note: $('note').value,
    }).catch((err) => ({ ok: false, error: String((err && err.message) || err) }));
    busy = false;
    if (!answer || !answer.ok) {
      say(t('previewSaveFailed', String((answer && answer.error) || '')), true);
      return;
    }
    say(answer.unchanged ? t('captureUnchanged', formatDate(answer.since, locale, { time: true })) : t('previewSaved'));
    document.body.dataset.state = 'saved';
    for (const b of document.querySelectorAll('button')) b.disabled = true;
    close();
  };
  $('form').addEventListener('submit', (e) => { e.preventDefault(); save(false); });
  $('save-send').addEventListener('click', () => save(true));
  $('copy').addEventListener('click', async () => {
    const tags = cleanTags($('tags').value);
    const note = $('note').value.trim();
    try {
      await copyMarkdown({ schema: 'barg.capture/1', article: a, user: { title: '', tags, note } }, renderWithGo);
      say(t('previewCopied'));
    } catch (err) {
      say(t('previewSaveFailed', String((err && err.message) || err)), true);
    }
  });
  $('cancel').addEventListener('click', async () => {
    await chrome.runtime.sendMessage({ type: 'library.cancelPreview', id }).catch(() => {});
    document.body.dataset.state = 'cancelled';
    window.close();
  });
  $('tags').focus();
  document.body.dataset.state = 'ready';
}

main();
