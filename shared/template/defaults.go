package template

// DefaultMarkdown is the Markdown export's template when the user has none:
// YAML front matter with the article's metadata (empty fields left out)
// and the user's own words on a library entry ("user": title, tags, note,
// which the extension adds beside the article's fields), the title (the
// user's, else the article's) as the only level-1 heading, then the body. It writes exactly
// what the extension's Markdown export wrote before templates existed.
const DefaultMarkdown = `---
{{title|yaml:title}}
{{url|yaml:url}}
{{canonical_url|yaml:canonical_url}}
{{authors|yaml:authors}}
{{published|yaml:published}}
{{modified|yaml:modified}}
{{published_text|yaml:published_text}}
{{site_name|yaml:site_name}}
{{section|yaml:section}}
{{tags|yaml:tags}}
{{lang|yaml:lang}}
{{dir|yaml:dir}}
{{description|yaml:description}}
{{image|yaml:image}}
{{word_count|yaml:word_count}}
{{reading_minutes|yaml:reading_minutes}}
{{captured_at|yaml:captured_at}}
{{schema|yaml:schema}}
{{user|yaml:user}}
---

# {{[user.title,title]|first|md|oneline}}

{{blocks|markdown}}
`

// DefaultFileName is the export file name's template (before the
// extension makes it safe for file systems and adds the extension).
const DefaultFileName = `{{[user.title,title]|first}}`
