// Package retry runs a call again while it fails in a way its caller says
// is worth another try: the one backoff loop of the model client and the
// Discord REST client. Each caller classifies its own errors, since only
// it knows which failures are passing (a rate limit, a server error) and
// which are final (a refused request).
package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Classify says whether err is worth another try and, when the server
// said how long to wait (a rate limit's Retry-After), for how long; zero
// means the backoff's own delay.
type Classify func(err error) (again bool, wait time.Duration)

// Policy bounds the tries.
type Policy struct {
	Attempts int           // tries in all; less than 1 counts as 1
	Base     time.Duration // first backoff delay; each next one doubles
}

// ErrNoTimeLeft marks a failure that could have been retried but for the
// context's deadline, which comes before the next try could start.
var ErrNoTimeLeft = errors.New("no time left to retry before the deadline")

// Do calls fn until it succeeds, fails in a way classify calls final, or
// the tries run out, waiting between tries a jittered exponential delay
// (Base, 2·Base, …, each plus up to half again) or what classify says. It
// returns the last error, joined with the context's when ctx ends first.
func Do(ctx context.Context, p Policy, classify Classify, fn func(context.Context) error) error {
	attempts := max(p.Attempts, 1)
	var err error
	for try := 0; try < attempts; try++ {
		if err = fn(ctx); err == nil {
			return nil
		}
		again, wait := classify(err)
		if !again || try == attempts-1 {
			return err
		}
		if wait <= 0 {
			wait = p.Base << try
			wait += time.Duration(rand.Int64N(int64(wait)/2 + 1))
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return fmt.Errorf("%w (%w)", err, ErrNoTimeLeft)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
	}
	return err
}
