package auth

import (
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is a token bucket: Burst attempts at once, then one every Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// Limits for signing in. Per client (IP address), since one machine hammering is the
// common attack; per account, since a botnet spreads its attempts over many addresses.
// A person who mistypes nothing (passkeys) never comes near either.
var (
	ClientLimit  = Limit{Every: 6 * time.Second, Burst: 10}
	AccountLimit = Limit{Every: 12 * time.Second, Burst: 5}
)

// RateLimitedError says that a caller must wait before trying again.
type RateLimitedError struct {
	RetryAfter time.Duration
}

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("too many attempts; try again in %d s", int(e.RetryAfter.Round(time.Second)/time.Second))
}

// Limiter keeps one token bucket per key (a client address, an account). It forgets
// keys that have been quiet long enough to have a full bucket again, so its memory is
// bounded by the number of keys active within that time.
type Limiter struct {
	limit Limit
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim      *rate.Limiter
	seen     time.Time
	reported time.Time // when a refusal of this key was last reported (see Allow)
}

// NewLimiter returns a Limiter with the given limit.
func NewLimiter(l Limit) *Limiter {
	return &Limiter{limit: l, now: time.Now, buckets: map[string]*bucket{}}
}

// reportEvery bounds how often refusals of one key are reported for the audit log:
// auditing every refused attempt would let an attacker fill the log and busy the one
// database writer, which is what the limit protects.
const reportEvery = time.Minute

// Allow takes one attempt for key. When the bucket is empty it returns a
// *RateLimitedError with the wait until the next attempt would be allowed, and report
// is true for the first refusal of the key in a minute.
func (l *Limiter) Allow(key string) (report bool, err error) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.limit.Every), l.limit.Burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if delay := r.DelayFrom(now); delay > 0 {
		r.CancelAt(now)
		report = now.Sub(b.reported) >= reportEvery
		if report {
			b.reported = now
		}
		// Round up: "try again in 0 s" would send a client straight back.
		return report, &RateLimitedError{RetryAfter: delay.Truncate(time.Second) + time.Second}
	}
	return false, nil
}

// sweep forgets buckets that have refilled, at most once a minute.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	full := l.limit.Every * time.Duration(l.limit.Burst)
	for k, b := range l.buckets {
		if now.Sub(b.seen) > full {
			delete(l.buckets, k)
		}
	}
}
