package retry

import (
	"context"
	"errors"
	"testing"
	"time"
)

var (
	errPassing = errors.New("passing")
	errFinal   = errors.New("final")
)

func classify(err error) (bool, time.Duration) { return errors.Is(err, errPassing), 0 }

func TestDo(t *testing.T) {
	tests := []struct {
		name      string
		fails     []error // what each try returns; past the end, success
		attempts  int
		wantTries int
		wantErr   error
	}{
		{"first try", nil, 3, 1, nil},
		{"passing then success", []error{errPassing, errPassing}, 3, 3, nil},
		{"final stops at once", []error{errFinal}, 3, 1, errFinal},
		{"tries run out", []error{errPassing, errPassing, errPassing}, 3, 3, errPassing},
		{"zero attempts is one", []error{errPassing}, 0, 1, errPassing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tries := 0
			err := Do(t.Context(), Policy{Attempts: tt.attempts, Base: time.Microsecond}, classify, func(context.Context) error {
				tries++
				if tries <= len(tt.fails) {
					return tt.fails[tries-1]
				}
				return nil
			})
			if tries != tt.wantTries || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("tries=%d err=%v, want tries=%d err=%v", tries, err, tt.wantTries, tt.wantErr)
			}
		})
	}
}

func TestDoHonoursTheServersWaitAndTheDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	tries := 0
	err := Do(ctx, Policy{Attempts: 5, Base: time.Microsecond},
		func(error) (bool, time.Duration) { return true, time.Hour },
		func(context.Context) error { tries++; return errPassing })
	if tries != 1 || !errors.Is(err, ErrNoTimeLeft) || !errors.Is(err, errPassing) {
		t.Errorf("tries=%d err=%v, want one try and ErrNoTimeLeft", tries, err)
	}
}

func TestDoStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	tries := 0
	err := Do(ctx, Policy{Attempts: 5, Base: time.Second}, classify, func(context.Context) error {
		tries++
		cancel()
		return errPassing
	})
	if tries != 1 || !errors.Is(err, context.Canceled) {
		t.Errorf("tries=%d err=%v, want one try and context.Canceled", tries, err)
	}
}
