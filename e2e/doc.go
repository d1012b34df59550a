// Package e2e drives the built extension in headless Chromium (chromedp).
// It is a separate module so that browser-test dependencies never enter the
// product's go.mod. Build the extension first: ./build.sh
package e2e
