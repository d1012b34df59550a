package template

// DefaultMarkdown is the Markdown export's template when the user has none:
// YAML front matter with a few flat keys that Obsidian's properties,
// Logseq, Zotero and pandoc read (title, author, published, source, site,
// lang, tags, captured, image, description, note; empty ones left out),
// the title as the only level-1 heading, then the body. On a library
// entry the user's words (at "user", which the extension adds beside the
// article's fields) go where they belong: the corrected title as title,
// the user's tags before the page's, the note as note. It writes exactly
// what the extension's built-in Markdown export (extension/export/markdown.js)
// writes; TestDefaultMarkdownMatchesTheExtension compares the two.
const DefaultMarkdown = `---
{{[user.title,title]|first|yaml:title}}
{{authors|yaml:author}}
{{published|yaml:published}}
{{[canonical_url,url]|first|yaml:source}}
{{site_name|yaml:site}}
{{lang|yaml:lang}}
{{[user.tags,tags]|tags|yaml:tags}}
{{captured_at|yaml:captured}}
{{image.src|yaml:image}}
{{description|yaml:description}}
{{user.note|yaml:note}}
---

# {{[user.title,title]|first|md|oneline}}

{{blocks|markdown}}
`

// DefaultFileName is the export file name's template (before the
// extension makes it safe for file systems and adds the extension): the
// publication date and the title, so that a folder of exported articles
// sorts by date. Without a date the name is the title alone.
const DefaultFileName = `{{published|date:YYYY-MM-DD}} {{[user.title,title]|first}}`
