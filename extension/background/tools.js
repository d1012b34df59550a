// Site rules and templates in the background, where Go runs: the settings
// page and the library ask for them by message ("tools.*"), and the upload
// outbox fills the payload template here. Every answer comes from the same
// Go functions that capture (wasm/tools_js.go), so a rule tested or a
// template previewed behaves exactly as it will when used.

import { readRules, rulesJSON } from '../lib/siterules.js';
import { readTemplates, TEMPLATE_KINDS } from '../lib/templates.js';
import { grabPage } from '../content/grab.js';

/**
 * @param {{api: typeof chrome, ready: () => Promise<void>}} deps
 *   ready resolves once Go's functions are registered (startEngine).
 */
export function createTools({ api, ready }) {
  const go = async (name) => {
    await ready();
    const fn = globalThis[name];
    if (typeof fn !== 'function') throw new Error('the extractor is not running');
    return fn;
  };

  /** The template of kind the user saved, or Go's default ("" for payload: the article as is). */
  async function templateOf(kind) {
    const saved = (await readTemplates(api.storage.local))[kind];
    if (saved || kind === 'payload') return saved;
    return JSON.parse((await go('bargTemplateDefaults'))())[kind];
  }

  /**
   * Each article filled into the user's template of kind (markdown,
   * filename). A library capture envelope (export/json.js) is filled as its
   * article with the user's words beside the article's fields, at "user".
   */
  async function render(kind, articles, source) {
    const src = typeof source === 'string' ? source : await templateOf(kind);
    const fn = await go('bargRender');
    const out = [];
    for (const x of articles) {
      const data = x && x.schema === 'barg.capture/1' && x.article ? { ...x.article, user: x.user } : x;
      out.push(await fn(src, JSON.stringify(data), kind === 'payload' ? 'payload' : 'text'));
    }
    return out;
  }

  /**
   * The upload body for one article: the payload template filled (compact
   * JSON), or null when the user has none (the article is sent as is).
   */
  async function payload(article) {
    const src = await templateOf('payload');
    if (!src) return null;
    return (await render('payload', [article], src))[0];
  }

  /** Runs the rules on the page of an open tab of host (or a subdomain), the active one first. */
  async function testRule(rules, host) {
    const h = String(host || '').trim().toLowerCase().replace(/^\*?\./, '');
    if (!h || /[/:\s]/.test(h)) throw new Error('not a host name: ' + host);
    const tabs = await api.tabs.query({ url: [`*://${h}/*`, `*://*.${h}/*`] });
    tabs.sort((a, b) => Number(Boolean(b.active)) - Number(Boolean(a.active)) || (b.lastAccessed || 0) - (a.lastAccessed || 0));
    const tab = tabs[0];
    if (!tab) throw new Error('no open tab shows ' + h + ': open one of its pages in a tab first');
    const res = await api.scripting.executeScript({ target: { tabId: tab.id }, func: grabPage, args: [false] });
    const page = res && res[0] && res[0].result;
    if (!page || typeof page.html !== 'string') throw new Error('could not read the tab');
    const answer = JSON.parse(await (await go('bargTestRule'))(page.html, page.url, rulesJSON(rules) || '[]'));
    return { ...answer, url: page.url };
  }

  /** Answers a "tools.*" message; the result is sent back as is. */
  async function handle(msg) {
    switch (msg.type) {
      case 'tools.checkRules':
        return JSON.parse((await go('bargCheckRules'))(rulesJSON(msg.rules) || '[]'));
      case 'tools.testRule':
        return { ok: true, ...(await testRule(msg.rules || [], msg.host)) };
      case 'tools.checkTemplate': {
        const error = (await go('bargCheckTemplate'))(String(msg.template || ''), msg.kind === 'payload' ? 'payload' : 'text');
        return { ok: !error, error };
      }
      case 'tools.render': {
        if (!TEMPLATE_KINDS.includes(msg.kind) || !Array.isArray(msg.articles)) throw new Error('bad render request');
        return { ok: true, texts: await render(msg.kind, msg.articles, msg.template) };
      }
      case 'tools.defaults':
        return { ok: true, ...JSON.parse((await go('bargTemplateDefaults'))()) };
    }
    throw new Error('unknown message ' + msg.type);
  }

  /** The rules for a capture's options: JSON text for Go, "" when there are none. */
  async function captureRules() {
    return rulesJSON(await readRules(api.storage.local));
  }

  return { handle, payload, render, captureRules };
}
