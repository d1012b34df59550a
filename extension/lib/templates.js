// The user's templates as stored in storage.local under "templates":
// {markdown, filename, payload}, each template text or "" for the default
// (Markdown: the front matter and body Barg always wrote; file name: the
// title; payload: the article as it is). Go fills them (shared/template,
// through the wasm bridge), so the extension and `barg extract -template`
// give the same bytes. Pure but for readTemplates, which takes the storage.

/** The storage key. */
export const TEMPLATES_KEY = 'templates';

/** The kinds of template. */
export const TEMPLATE_KINDS = ['markdown', 'filename', 'payload'];

/** A complete templates object from whatever storage held. */
export function templatesOf(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  const out = {};
  for (const k of TEMPLATE_KINDS) out[k] = typeof s[k] === 'string' ? s[k] : '';
  return out;
}

/** The stored templates. */
export async function readTemplates(storage = globalThis.chrome?.storage?.local) {
  const got = await storage.get(TEMPLATES_KEY);
  return templatesOf(got && got[TEMPLATES_KEY]);
}
