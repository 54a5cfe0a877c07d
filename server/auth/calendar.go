package auth

import "strings"

// PrefixCalendar starts the secret of a calendar subscription URL.
const PrefixCalendar = "sc_"

// CalendarPath is where calendar subscriptions are served; the secret and ".ics" follow.
// A calendar app cannot sign in, so the URL itself is the credential: it carries a
// 256-bit secret, the server keeps only its hash, and the person can revoke it.
const CalendarPath = "/kalender/"

// CalendarURL is the subscription URL for a secret.
func CalendarURL(baseURL, secret string) string {
	return strings.TrimRight(baseURL, "/") + CalendarPath + secret + ".ics"
}

// CalendarSecret returns the secret in a subscription URL's path, or "" if the path is
// not one.
func CalendarSecret(path string) string {
	rest, ok := strings.CutPrefix(path, CalendarPath)
	if !ok {
		return ""
	}
	secret, ok := strings.CutSuffix(rest, ".ics")
	if !ok || !strings.HasPrefix(secret, PrefixCalendar) || strings.Contains(secret, "/") {
		return ""
	}
	return secret
}
