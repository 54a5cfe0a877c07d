package auth

import (
	"net/http"
	"strings"
)

// CookieName is the session cookie. The __Host- prefix makes the browser insist on
// Secure, Path=/ and no Domain, so no subdomain can plant or read it.
const CookieName = "__Host-session"

// SessionCookie returns the Set-Cookie value that starts a session.
func SessionCookie(secret string) string {
	c := &http.Cookie{
		Name:     CookieName,
		Value:    secret,
		Path:     "/",
		MaxAge:   int(SessionAbsolute.Seconds()),
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	}
	return c.String()
}

// ClearCookie returns the Set-Cookie value that removes the session cookie.
func ClearCookie() string {
	c := &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode}
	return c.String()
}

// SessionFromCookieHeader finds the session secret in Cookie header values.
func SessionFromCookieHeader(values []string) string {
	for _, v := range values {
		cookies, err := http.ParseCookie(v)
		if err != nil {
			continue
		}
		for _, c := range cookies {
			if c.Name == CookieName && strings.HasPrefix(c.Value, PrefixSession) {
				return c.Value
			}
		}
	}
	return ""
}
