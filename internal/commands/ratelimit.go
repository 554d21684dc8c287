package commands

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter is a token bucket per user (golang.org/x/time/rate): each holds
// up to PerMinute requests and refills at PerMinute a minute, so a user can
// ask a burst of questions and then one every 60/PerMinute seconds.
type Limiter struct {
	perMinute int
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
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
	return &Limiter{perMinute: max(perMinute, 1), now: now, buckets: map[string]*rate.Limiter{}}
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
		b = rate.NewLimiter(rate.Every(time.Minute/time.Duration(l.perMinute)), l.perMinute)
		l.buckets[user] = b
	}
	r := b.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now) // a refused request takes nothing
		// rate computes in float seconds and leaves nanosecond crumbs
		// (5.999999999s); the user is told whole seconds anyway.
		return false, d.Round(time.Millisecond)
	}
	return true, 0
}

func (l *Limiter) prune(now time.Time) {
	for user, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.perMinute) {
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
