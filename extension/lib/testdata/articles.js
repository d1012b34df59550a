// Test articles for the store's node tests.

/** An article as the extractor makes one, with paragraphs as blocks. */
export function art(url, title, paras, extra = {}) {
  const text = paras.join('\n\n');
  return {
    schema: 'barg.article/1', url, canonical_url: extra.canonical_url ?? url, title, lang: 'fa', dir: 'rtl',
    site_name: 'سایت', lead: '', blocks: paras.map((p) => ({ type: 'paragraph', text: p })), text,
    word_count: text.split(/\s+/).length, captured_at: extra.captured_at || '', ...extra,
  };
}
