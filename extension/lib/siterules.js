// The user's site rules as stored in storage.local under "rules", and their
// export/import file. Go checks and applies them (shared/siterules, through
// the wasm bridge); this module only keeps their shape, so the settings
// page, the background and the tests agree on it. Pure: no browser APIs
// except readRules, which takes the storage area.
//
// Stored: {rules: [{host, path, content, remove, title, author, published}]}.
// Exported file: {"barg_rules": 1, "rules": [...]} — the same JSON that
// `barg extract -rules FILE` reads.

/** The storage key. */
export const RULES_KEY = 'rules';

/** Every field of a rule, in the editor's order; all strings. */
export const RULE_FIELDS = ['host', 'path', 'content', 'remove', 'title', 'author', 'published'];

/** The selector fields (the others say where the rule applies). */
export const SELECTOR_FIELDS = ['content', 'remove', 'title', 'author', 'published'];

/** A rule with every field a trimmed string; other keys dropped. */
export function cleanRule(r) {
  const out = {};
  for (const f of RULE_FIELDS) out[f] = r && typeof r[f] === 'string' ? r[f].trim() : '';
  return out;
}

/** Whether a rule has nothing written in it (an empty editor row). */
export function isBlank(r) {
  return RULE_FIELDS.every((f) => !r[f]);
}

/**
 * The rules in whatever storage or a file held: an array of rules, or an
 * object with "rules". Unknown shapes give [] (import reports them).
 */
export function rulesOf(raw) {
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && Array.isArray(raw.rules) ? raw.rules : [];
  return list.filter((r) => r && typeof r === 'object').map(cleanRule).filter((r) => !isBlank(r));
}

/** The rule set as JSON text for Go (capture options, checks), or "" for none. */
export function rulesJSON(rules) {
  return rules && rules.length ? JSON.stringify(rules.map(cleanRule)) : '';
}

/** The export file's text. */
export function exportRules(rules) {
  return JSON.stringify({ barg_rules: 1, rules: rules.map(cleanRule) }, null, 2) + '\n';
}

/**
 * Rules read from an import file's text; throws on text that is not a
 * rule set. Checking the selectors is Go's (the page does it before saving).
 */
export function importRules(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error('not JSON: ' + err.message);
  }
  if (!Array.isArray(raw) && !(raw && typeof raw === 'object' && Array.isArray(raw.rules))) {
    throw new Error('not a rule set: expected {"rules": [...]} or an array of rules');
  }
  return rulesOf(raw);
}

/**
 * Imported rules merged into the current ones: a rule for the same host
 * and path replaces the current one; the others are added.
 */
export function mergeRules(current, incoming) {
  const key = (r) => r.host.toLowerCase() + '\u0000' + r.path;
  const byKey = new Map(current.map((r) => [key(r), r]));
  for (const r of incoming) byKey.set(key(r), r);
  return [...byKey.values()];
}

/** The stored rules. */
export async function readRules(storage = globalThis.chrome?.storage?.local) {
  const got = await storage.get(RULES_KEY);
  return rulesOf(got && got[RULES_KEY]);
}
