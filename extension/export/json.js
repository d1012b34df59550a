// JSON and JSON Lines exports.
//
// Both carry the articles exactly as saved: each one is a complete
// "barg.article/1" document (see shared/article/schema.json) and names its
// schema version in its own "schema" field, so a file stays self-describing
// however it is cut or concatenated.
//
//   JSON:        one array of articles, pretty-printed, newest first
//                [ {"schema": "barg.article/1", "url": …, "blocks": […], …}, … ]
//   JSON Lines:  one article per line, compact, each line a whole JSON object
//
// U+2028 and U+2029 are written as \u escapes: JSON allows them raw, but
// line-oriented readers (Python's splitlines, some editors) would split a
// record there.

/** The schema version every exported article carries. */
export const SCHEMA = 'barg.article/1';

function withSchema(article) {
  return article && article.schema ? article : { schema: SCHEMA, ...article };
}

function escapeSeparators(s) {
  return s.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** One JSON array of the articles, ending in a newline. */
export function toJSON(articles) {
  return escapeSeparators(JSON.stringify(articles.map(withSchema), null, 2)) + '\n';
}

/** JSON Lines: one compact article object per line, each line ending in "\n". */
export function toJSONLines(articles) {
  return articles.map((a) => escapeSeparators(JSON.stringify(withSchema(a))) + '\n').join('');
}
