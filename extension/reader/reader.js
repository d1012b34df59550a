// The reader page: reader.html?id=<library id> shows one saved article.

import { getArticle, deleteArticles } from '../lib/store.js';
import { t, localize, uiLanguage, directionOf } from '../ui/i18n.js';
import { formatDate, formatNumber } from '../ui/format.js';
import { renderArticle } from './render.js';
import { buildExport } from '../export/formats.js';
import { downloadText } from '../export/download.js';

const $ = (id) => document.getElementById(id);

async function main() {
  localize();
  const locale = uiLanguage();
  const id = new URLSearchParams(location.search).get('id') || '';
  const status = $('status');
  let record;
  try {
    record = id ? await getArticle(id) : undefined;
  } catch (err) {
    status.textContent = t('errorStorage', String(err && err.message || err));
    status.classList.add('error');
  }
  if (!record) {
    if (!status.textContent) status.textContent = t('readerNotFound');
    for (const b of document.querySelectorAll('.toolbar button, .toolbar select')) b.disabled = true;
    document.body.dataset.state = 'missing';
    return;
  }
  const a = record.article;
  document.title = (a.title || a.url || '') + ' — ' + t('extName');
  status.remove();
  $('main').append(
    renderArticle(document, a, {
      t,
      uiLang: locale,
      uiDir: directionOf(locale),
      formatDate: (iso) => formatDate(iso, locale),
      formatNumber: (n) => formatNumber(n, locale),
    }),
  );

  $('export').addEventListener('click', () => {
    const f = buildExport($('export-format').value, [a]);
    downloadText(f.text, f.name, f.mime);
  });
  const dialog = $('confirm-delete');
  $('delete').addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete') return;
    await deleteArticles([record.id]);
    location.href = '../library/library.html';
  });
  document.body.dataset.state = 'ready';
}

main();
