package commands

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is an Observer that remembers what it heard.
type recorder struct {
	mu        sync.Mutex
	responded []string
	finished  []string
}

func (r *recorder) Responded(command string, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if took < 0 {
		command += "(negative)"
	}
	r.responded = append(r.responded, command)
}

func (r *recorder) Finished(command, outcome string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.finished = append(r.finished, command+"="+outcome)
}

func TestObserverHearsEveryInteraction(t *testing.T) {
	limiter := NewLimiter(1, time.Now)
	tests := []struct {
		name string
		deps deps
		do   func(t *testing.T, reg *Registry)
		want []string // finished, in order
	}{
		{"answered", deps{}, func(t *testing.T, reg *Registry) {
			run(t, reg, slash(member, "ask", opt("question", "who leaked it?")))
		}, []string{"ask=ok"}},
		{"rate limited", deps{limiter: limiter}, func(t *testing.T, reg *Registry) {
			run(t, reg, slash(member, "ask", opt("question", "one?")))
			run(t, reg, slash(member, "ask", opt("question", "two?")))
		}, []string{"ask=ok", "ask=rate_limited"}},
		{"refused reload", deps{}, func(t *testing.T, reg *Registry) {
			run(t, reg, slash(member, "reload"))
		}, []string{"reload=forbidden"}},
		{"unknown command", deps{}, func(t *testing.T, reg *Registry) {
			run(t, reg, slash(member, "nonsense-"+strings.Repeat("x", 10)))
		}, []string{"unknown=user_error"}},
		{"failing answerer", deps{ans: &fakeAnswerer{err: errors.New("disk on fire")}}, func(t *testing.T, reg *Registry) {
			run(t, reg, slash(member, "ask", opt("question", "why?")))
		}, []string{"ask=error"}},
		{"deferred ask reports when done", deps{slow: true}, func(t *testing.T, reg *Registry) {
			run(t, reg, slash(member, "ask", opt("question", "slow?")))
		}, []string{"ask=ok"}},
		{"autocomplete and a tampered button", deps{quotes: sampleQuotes()}, func(t *testing.T, reg *Registry) {
			run(t, reg, typing("quote", "speaker", "an"))
			run(t, reg, press("quote:tampered"))
		}, []string{"quote:autocomplete=ok", "quote:button=user_error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, _ := newTestRegistry(t, tt.deps)
			rec := &recorder{}
			reg.SetObserver(rec)
			tt.do(t, reg)
			if fmt.Sprint(rec.finished) != fmt.Sprint(tt.want) {
				t.Errorf("finished %v, want %v", rec.finished, tt.want)
			}
			if len(rec.responded) != len(tt.want) {
				t.Errorf("responded %v: want one per interaction", rec.responded)
			}
		})
	}
}
