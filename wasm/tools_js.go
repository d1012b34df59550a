//go:build js && wasm

package main

import "syscall/js"

// registerTools puts the rule and template functions on the global object:
//
//	bargCheckRules(rulesJSON) → string          {"ok", "count", "error", "rule", "field", "pos"}
//	bargTestRule(html, url, rulesJSON) → Promise<string>   see ruleTest
//	bargRender(template, articleJSON, kind) → Promise<string>   kind "payload": checked, compact JSON
//	bargCheckTemplate(template, kind) → string  "" when good, else the error
//	bargTemplateDefaults() → string             {"markdown", "filename"}
func registerTools() {
	g := js.Global()
	g.Set("bargCheckRules", js.FuncOf(func(this js.Value, args []js.Value) any {
		return string(checkRules(argString(args, 0)))
	}))
	g.Set("bargTestRule", js.FuncOf(func(this js.Value, args []js.Value) any {
		page, pageURL, rules := argString(args, 0), argString(args, 1), argString(args, 2)
		return newPromise(func(resolve, reject js.Value) {
			out, err := testRule(page, pageURL, rules)
			if err != nil {
				reject.Invoke(jsError(err))
				return
			}
			resolve.Invoke(string(out))
		})
	}))
	g.Set("bargRender", js.FuncOf(func(this js.Value, args []js.Value) any {
		src, art, kind := argString(args, 0), argString(args, 1), argString(args, 2)
		return newPromise(func(resolve, reject js.Value) {
			out, err := render(src, art, kind)
			if err != nil {
				reject.Invoke(jsError(err))
				return
			}
			resolve.Invoke(string(out))
		})
	}))
	g.Set("bargCheckTemplate", js.FuncOf(func(this js.Value, args []js.Value) any {
		return checkTemplate(argString(args, 0), argString(args, 1))
	}))
	g.Set("bargTemplateDefaults", js.FuncOf(func(this js.Value, args []js.Value) any {
		return string(defaults())
	}))
}

func argString(args []js.Value, i int) string {
	if i < len(args) && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}
