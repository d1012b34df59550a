module github.com/barg-app/barg

go 1.26.0

require (
	github.com/PuerkitoBio/goquery v1.14.0
	github.com/andybalholm/cascadia v1.3.5
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/tidwall/gjson v1.20.4
	github.com/tidwall/pretty v1.3.0
	golang.org/x/net v0.62.0
	golang.org/x/text v0.43.0
)

require github.com/tidwall/match v1.1.1 // indirect
