package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// Why a request was not accepted as Discord's.
var (
	ErrNoSignature  = errors.New("missing X-Signature-Ed25519 or X-Signature-Timestamp")
	ErrBadSignature = errors.New("signature does not verify")
	ErrStale        = errors.New("signature timestamp too far from now")
)

// MaxSkew is how far a request's signed timestamp may be from our clock.
// A captured request replayed later is refused; the window is wide enough
// for a host whose clock drifts a little.
const MaxSkew = 5 * time.Minute

// ParsePublicKey reads the application's public key (64 hex characters).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key: want %d hex characters", 2*ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// verify checks Discord's Ed25519 signature over timestamp+body. signed is
// that concatenation (the caller builds it without copying the body twice).
func verify(key ed25519.PublicKey, sigHex, timestamp string, signed []byte, now time.Time) error {
	if sigHex == "" || timestamp == "" {
		return ErrNoSignature
	}
	var sig [ed25519.SignatureSize]byte
	if len(sigHex) != 2*len(sig) {
		return ErrBadSignature
	}
	if _, err := hex.Decode(sig[:], []byte(sigHex)); err != nil {
		return ErrBadSignature
	}
	if !ed25519.Verify(key, signed, sig[:]) {
		return ErrBadSignature
	}
	// Checked after the signature, so that the timestamp is known to be
	// Discord's and not something an attacker chose.
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(secs, 0)); d > MaxSkew || d < -MaxSkew {
		return ErrStale
	}
	return nil
}

// skewWatch tells the operator when the host's clock, not the requests,
// is wrong: a request whose signature verifies is Discord's, so when most
// such requests fail on their timestamp alone, every user sees "the
// application did not respond" until the clock is fixed. Refusals are
// logged at debug level (Discord probes with bad requests on purpose);
// this is the one that is an error.
type skewWatch struct {
	mu            sync.Mutex
	signed, stale int       // requests with a good signature, and of them too old or new, since windowStart
	windowStart   time.Time // start of the current count
	lastLog       time.Time
}

// Clock-skew reporting: counted over skewWindow, reported when at least
// skewMinStale signed requests, and most of them, failed on time alone, at
// most once per skewWindow.
const (
	skewWindow   = time.Minute
	skewMinStale = 3
)

func (w *skewWatch) observe(log *slog.Logger, timestamp string, now time.Time, stale bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if now.Sub(w.windowStart) > skewWindow {
		w.signed, w.stale, w.windowStart = 0, 0, now
	}
	w.signed++
	if stale {
		w.stale++
	}
	if w.stale >= skewMinStale && 2*w.stale > w.signed && now.Sub(w.lastLog) > skewWindow {
		w.lastLog = now
		secs, _ := strconv.ParseInt(timestamp, 10, 64)
		log.Error("most of Discord's signed requests are refused because their time is off: this host's clock is probably wrong; fix it (NTP), or every interaction fails",
			"clock_ahead_by", now.Sub(time.Unix(secs, 0)).Round(time.Second), "stale", w.stale, "signed", w.signed, "max_skew", MaxSkew)
	}
}
