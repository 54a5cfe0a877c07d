package auth

import (
	"errors"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(Limit{Every: 10 * time.Second, Burst: 3})
	l.now = func() time.Time { return now }

	t.Run("a burst is let through, then refused with the wait until the next attempt", func(t *testing.T) {
		for i := range 3 {
			if _, err := l.Allow("a"); err != nil {
				t.Fatalf("attempt %d refused: %v", i+1, err)
			}
		}
		report, err := l.Allow("a")
		var rl *RateLimitedError
		if !errors.As(err, &rl) || rl.RetryAfter < 10*time.Second || rl.RetryAfter > 11*time.Second {
			t.Fatalf("4th attempt: %v; want refused with about 10 s to wait", err)
		}
		if !report {
			t.Errorf("the first refusal is not reported for the audit log")
		}
		if report, _ := l.Allow("a"); report {
			t.Errorf("a second refusal within the minute is reported again")
		}
	})
	t.Run("other keys have buckets of their own", func(t *testing.T) {
		if _, err := l.Allow("b"); err != nil {
			t.Errorf("key b refused because of key a: %v", err)
		}
	})
	t.Run("the bucket refills with time", func(t *testing.T) {
		now = now.Add(11 * time.Second)
		if _, err := l.Allow("a"); err != nil {
			t.Errorf("refused after waiting: %v", err)
		}
	})
	t.Run("quiet keys are forgotten", func(t *testing.T) {
		now = now.Add(time.Hour)
		l.Allow("c")
		if _, ok := l.buckets["b"]; ok {
			t.Errorf("key b is still kept an hour after its last attempt")
		}
	})
}

func TestDevice(t *testing.T) {
	tests := []struct{ ua, browser, os string }{
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36", "Chrome", "Android"},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1", "Safari", "iPhone"},
		{"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet", "Android"},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0", "Edge", "Windows"},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Mac"},
		{"grpcurl/1.9", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.browser+" on "+tc.os+" is named so", func(t *testing.T) {
			b, o := Device(tc.ua)
			if b != tc.browser || o != tc.os {
				t.Errorf("Device(%q) = %q, %q; want %q, %q", tc.ua, b, o, tc.browser, tc.os)
			}
		})
	}
}
