package commands

import (
	"sync"
	"time"
)

// Limiter is a token bucket per user: each holds up to PerMinute requests
// and refills at PerMinute a minute, so a user can ask a burst of questions
// and then one every 60/PerMinute seconds.
type Limiter struct {
	perMinute float64
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was last brought up to date
}

// pruneAt is how many users the limiter remembers before it forgets the
// ones whose buckets have refilled; they are indistinguishable from new.
const pruneAt = 10_000

// NewLimiter returns a limiter allowing perMinute requests per user per
// minute. now is the clock (time.Now in production).
func NewLimiter(perMinute int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{perMinute: float64(max(perMinute, 1)), now: now, buckets: map[string]*bucket{}}
}

// Allow takes one token from the user's bucket. When there is none it
// returns false and how long until there is.
func (l *Limiter) Allow(user string) (ok bool, wait time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[user]
	if b == nil {
		if len(l.buckets) >= pruneAt {
			l.prune(now)
		}
		b = &bucket{tokens: l.perMinute, at: now}
		l.buckets[user] = b
	}
	l.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	perToken := time.Minute / time.Duration(l.perMinute)
	return false, time.Duration((1 - b.tokens) * float64(perToken))
}

func (l *Limiter) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = min(l.perMinute, b.tokens+elapsed.Minutes()*l.perMinute)
		b.at = now
	}
}

func (l *Limiter) prune(now time.Time) {
	for user, b := range l.buckets {
		l.refill(b, now)
		if b.tokens >= l.perMinute {
			delete(l.buckets, user)
		}
	}
}

// RateLimit is a guard that takes a token from the user's bucket.
func RateLimit(l *Limiter) Guard {
	return func(req *Request) error {
		if ok, wait := l.Allow(req.UserID()); !ok {
			return &RateLimitedError{Wait: wait}
		}
		return nil
	}
}
