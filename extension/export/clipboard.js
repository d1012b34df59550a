// "Copy as Markdown": an article (or a library capture envelope) as the
// Markdown its export would write, put on the clipboard. The user's
// Markdown template is filled by Go in the background when a render
// function is given (background/tools.js, "tools.render"); without it, or
// when Go does not answer, the built-in Markdown (markdown.js), which is
// what the default template writes.

import { articleMarkdown } from './markdown.js';

/**
 * The Markdown of x: render('markdown', [x]) when given and answering,
 * else articleMarkdown(x).
 * @param {object} x
 * @param {((kind: string, articles: object[]) => Promise<string[]>)|null} [render]
 */
export async function markdownFor(x, render) {
  if (render) {
    try {
      const [text] = await render('markdown', [x]);
      if (typeof text === 'string' && text) return text;
    } catch (err) {
      console.warn('barg: templated Markdown failed, using the built-in one:', err && err.message);
    }
  }
  return articleMarkdown(x);
}

/** Copies x as Markdown to the clipboard; returns the text copied. */
export async function copyMarkdown(x, render, clipboard = globalThis.navigator?.clipboard) {
  const text = await markdownFor(x, render);
  await clipboard.writeText(text);
  return text;
}
