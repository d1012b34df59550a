module github.com/barg-app/barg/e2e

go 1.26.0

replace github.com/barg-app/barg => ../
