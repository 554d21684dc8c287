// Package fetch downloads a web page or a file for a moderator without
// letting the request be turned against the host: only http and https, the
// name resolved once and the connection made to the address that was
// checked, no address on the host's own networks or a cloud metadata
// service, few redirects (each checked the same way), a time limit, a size
// limit, and only HTML and text.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Limits of one fetch, each with its reason.
const (
	// DefaultTimeout bounds the whole fetch, redirects and body included.
	// A news page arrives in well under a second; ten leaves room for a
	// slow site while a moderator is still waiting for the reply.
	DefaultTimeout = 10 * time.Second
	// DefaultMaxBytes bounds the body. News pages weigh 100 KB–2 MB of
	// HTML; 5 MiB keeps every real one and stops a file meant to fill memory.
	DefaultMaxBytes = 5 << 20
	// MaxRedirects is how many redirects are followed: enough for
	// http→https→canonical host→trailing slash, not enough for a loop.
	MaxRedirects = 5
	// userAgent names the bot, as polite crawlers do.
	userAgent = "dossier-bot/1.0 (+article fetch for a Discord moderator)"
)

// Errors a fetch returns for each refusal, wrapped in an *Error. Callers
// tell them apart with errors.Is and say what happened in plain words.
var (
	ErrScheme           = errors.New("only http and https links can be fetched")
	ErrBadURL           = errors.New("not a valid link")
	ErrResolve          = errors.New("the host name could not be resolved")
	ErrForbiddenAddress = errors.New("the address is on a private, local or metadata network")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrTimeout          = errors.New("the site did not answer in time")
	ErrTooLarge         = errors.New("the page is too large")
	ErrContentType      = errors.New("not an HTML or text page")
	ErrStatus           = errors.New("the site answered with an error")
	ErrNeedsLogin       = errors.New("the page needs a login")
	ErrUnreachable      = errors.New("the site could not be reached")
)

// Error is a refused or failed fetch: the URL that failed (the last one,
// after redirects), the reason (one of the Err values above), and details
// for the log.
type Error struct {
	URL    string
	Err    error
	Detail string
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("fetch %s: %v: %s", e.URL, e.Err, e.Detail)
	}
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Resolver looks host names up; *net.Resolver is one. Tests give their own
// so that no query leaves the machine.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// DialFunc opens a connection to addr, an "ip:port" that has been checked.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Options configure a Fetcher. The zero value is the safe default.
type Options struct {
	// AllowPrivate lets fetches reach private, loopback and link-local
	// addresses (ARTICLE_FETCH_ALLOW_PRIVATE): for tests and for private
	// deployments whose news site is on the local network.
	AllowPrivate bool
	Resolver     Resolver      // nil: net.DefaultResolver
	Dial         DialFunc      // nil: a net.Dialer that checks the address again
	Timeout      time.Duration // 0: DefaultTimeout
	MaxBytes     int64         // 0: DefaultMaxBytes
}

// Fetcher fetches pages. It is safe for concurrent use.
type Fetcher struct {
	opts   Options
	client *http.Client
}

// Page is a fetched page or file.
type Page struct {
	URL         string // after redirects
	ContentType string // media type, without parameters
	Charset     string // from the Content-Type header; may be empty
	Body        []byte
}

// New returns a Fetcher.
func New(opts Options) *Fetcher {
	if opts.Resolver == nil {
		opts.Resolver = net.DefaultResolver
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	f := &Fetcher{opts: opts}
	if f.opts.Dial == nil {
		d := &net.Dialer{Timeout: opts.Timeout, Control: f.control}
		f.opts.Dial = d.DialContext
	}
	transport := &http.Transport{
		// No proxy from the environment: a proxy would make the
		// connection, and the checks below would vet the proxy instead.
		Proxy:                 nil,
		DialContext:           f.dial,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{
		Transport:     transport,
		Timeout:       opts.Timeout,
		CheckRedirect: f.checkRedirect,
	}
	return f
}

// MaxBytes is the largest body a fetch accepts.
func (f *Fetcher) MaxBytes() int64 { return f.opts.MaxBytes }

// Get fetches rawURL. Every refusal is an *Error wrapping one of the Err
// values; nothing is sent to a refused address.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: ErrBadURL, Detail: err.Error()}
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.classify(rawURL, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	fail := func(e error, detail string) (*Page, error) {
		return nil, &Error{URL: final, Err: e, Detail: detail}
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusPaymentRequired:
		return fail(ErrNeedsLogin, resp.Status)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return fail(ErrStatus, resp.Status)
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return fail(ErrTooLarge, fmt.Sprintf("%d bytes announced, the limit is %d", resp.ContentLength, f.opts.MaxBytes))
	}
	mediaType, charset, declared := parseContentType(resp.Header.Get("Content-Type"))
	if declared && !acceptedType(mediaType) {
		return fail(ErrContentType, mediaType)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, f.classify(final, err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return fail(ErrTooLarge, fmt.Sprintf("more than %d bytes", f.opts.MaxBytes))
	}
	if !declared {
		mediaType, charset, _ = parseContentType(http.DetectContentType(body))
		if !acceptedType(mediaType) {
			return fail(ErrContentType, mediaType+" (sniffed)")
		}
	}
	return &Page{URL: final, ContentType: mediaType, Charset: charset, Body: body}, nil
}

// acceptedTypes are the media types worth extracting an article from.
var acceptedTypes = map[string]bool{
	"text/html": true, "application/xhtml+xml": true, "text/plain": true, "text/markdown": true, "text/x-markdown": true,
}

func acceptedType(t string) bool { return acceptedTypes[t] }

func parseContentType(h string) (mediaType, charset string, ok bool) {
	if strings.TrimSpace(h) == "" {
		return "", "", false
	}
	mt, params, err := mime.ParseMediaType(h)
	if err != nil {
		// A header too broken to parse says nothing; sniff instead.
		return "", "", false
	}
	return strings.ToLower(mt), params["charset"], true
}

// checkURL accepts absolute http and https URLs with a host and no
// credentials (user:pass@ would be sent to whoever the host turns out to be).
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, ErrBadURL
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, ErrScheme
	}
	if u.Hostname() == "" || u.User != nil {
		return nil, ErrBadURL
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, ErrBadURL
		}
	}
	return u, nil
}

// checkRedirect applies the first checks to every redirect; the address of
// each is checked when it is dialled, like the first request's.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return &Error{URL: req.URL.String(), Err: ErrTooManyRedirects, Detail: fmt.Sprintf("more than %d", MaxRedirects)}
	}
	if _, err := checkURL(req.URL.String()); err != nil {
		return &Error{URL: req.URL.String(), Err: err, Detail: "redirect"}
	}
	return nil
}

// dial resolves the host once, refuses it when any of its addresses is
// forbidden (a name that mixes public and private addresses is an attack,
// not a news site), and connects to the checked address itself, so that a
// second lookup cannot answer differently (DNS rebinding).
func (f *Fetcher) dial(ctx context.Context, network, hostport string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return nil, &Error{URL: hostport, Err: ErrBadURL, Detail: err.Error()}
	}
	var addrs []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{ip}
	} else {
		addrs, err = f.opts.Resolver.LookupNetIP(ctx, "ip", host)
		if err != nil || len(addrs) == 0 {
			detail := "no addresses"
			if err != nil {
				detail = err.Error()
			}
			return nil, &Error{URL: host, Err: ErrResolve, Detail: detail}
		}
	}
	if !f.opts.AllowPrivate {
		for _, a := range addrs {
			if Blocked(a) {
				return nil, &Error{URL: host, Err: ErrForbiddenAddress, Detail: a.String()}
			}
		}
	}
	var errs []error
	for _, a := range addrs {
		conn, err := f.opts.Dial(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// control checks the address the socket is about to connect to: a second
// line of defence should anything upstream have let a name through.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	if f.opts.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &Error{URL: address, Err: ErrForbiddenAddress, Detail: err.Error()}
	}
	if Blocked(ap.Addr()) {
		return &Error{URL: address, Err: ErrForbiddenAddress, Detail: ap.Addr().String()}
	}
	return nil
}

// classify turns what the HTTP client returned into an *Error.
func (f *Fetcher) classify(rawURL string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &Error{URL: rawURL, Err: ErrTimeout, Detail: fmt.Sprintf("limit %s", f.opts.Timeout)}
	}
	return &Error{URL: rawURL, Err: ErrUnreachable, Detail: err.Error()}
}
