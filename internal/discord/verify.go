package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
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
