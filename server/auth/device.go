package auth

import "strings"

// Device names the browser and operating system in a User-Agent header, coarsely, so a
// person can tell their sessions apart ("Chrome", "Android"). Empty when unknown. The
// order of the checks matters: Edge and Samsung Internet also claim to be Chrome, and
// Chrome also claims to be Safari.
func Device(userAgent string) (browser, os string) {
	ua := userAgent
	has := func(s string) bool { return strings.Contains(ua, s) }
	switch {
	case has("iPhone"):
		os = "iPhone"
	case has("iPad"):
		os = "iPad"
	case has("Android"):
		os = "Android"
	case has("CrOS"):
		os = "ChromeOS"
	case has("Windows"):
		os = "Windows"
	case has("Mac OS X"), has("Macintosh"):
		os = "Mac"
	case has("Linux"):
		os = "Linux"
	}
	switch {
	case has("Edg/"), has("EdgA/"), has("EdgiOS/"):
		browser = "Edge"
	case has("SamsungBrowser/"):
		browser = "Samsung Internet"
	case has("Firefox/"), has("FxiOS/"):
		browser = "Firefox"
	case has("Chrome/"), has("Chromium/"), has("CriOS/"):
		browser = "Chrome"
	case has("Safari/"):
		browser = "Safari"
	}
	return browser, os
}
