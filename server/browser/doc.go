// Package browser holds Samspel's browser tests: the PWA in a real headless Chromium,
// against a real server (apptest), on a phone-sized viewport. It has no code of its own;
// everything is in the _test.go files. The tests need /usr/bin/chromium and axe-core
// (npm ci in pwa/); without Chromium they skip, unless CI is set.
package browser
