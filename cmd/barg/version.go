package main

import "github.com/barg-app/barg/shared/extract"

func version() string { return extract.Version }
