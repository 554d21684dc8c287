package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeResolver answers from a table; no query leaves the machine.
type fakeResolver map[string][]string

func (r fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	ips, ok := r[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []netip.Addr
	for _, s := range ips {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

// loopbackDialer stands in for the network: whatever checked address the
// fetcher dials, it connects to the test server on 127.0.0.1 and records
// the address asked for. No packet goes anywhere but loopback.
type loopbackDialer struct {
	target string
	mu     sync.Mutex
	dialed []string
}

func (d *loopbackDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	d.dialed = append(d.dialed, addr)
	d.mu.Unlock()
	var nd net.Dialer
	return nd.DialContext(ctx, "tcp", d.target)
}

func (d *loopbackDialer) calls() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.dialed...)
}

// publicIP is an address that passes the checks; the loopback dialer
// never connects to it.
const publicIP = "93.184.215.14"

// newFixture starts a test server and a fetcher that reaches it under the
// name news.example (resolved to publicIP, dialled on loopback).
func newFixture(t *testing.T, h http.Handler, opts Options) (*Fetcher, *loopbackDialer, *int) {
	t.Helper()
	var mu sync.Mutex
	hits := new(int)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*hits++
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	d := &loopbackDialer{target: srv.Listener.Addr().String()}
	if opts.Resolver == nil {
		opts.Resolver = fakeResolver{
			"news.example":     {publicIP},
			"intranet.example": {"10.1.2.3"},
			"local.example":    {"127.0.0.1"},
			"metadata.example": {"169.254.169.254"},
			"mixed.example":    {publicIP, "192.168.1.1"},
			"v6meta.example":   {"fd00:ec2::254"},
		}
	}
	opts.Dial = d.dial
	return New(opts), d, hits
}

func page(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func TestGetFetchesAPublicPage(t *testing.T) {
	f, d, _ := newFixture(t, page("<html><title>Hi</title><p>News</p></html>"), Options{})
	p, err := f.Get(context.Background(), "http://news.example/story")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if p.ContentType != "text/html" || p.Charset != "utf-8" || !bytes.Contains(p.Body, []byte("News")) {
		t.Errorf("page = %q %q %q", p.ContentType, p.Charset, p.Body)
	}
	if p.URL != "http://news.example/story" {
		t.Errorf("URL = %q", p.URL)
	}
	if got := d.calls(); len(got) != 1 || got[0] != publicIP+":80" {
		t.Errorf("dialled %v, want the resolved address %s:80", got, publicIP)
	}
}

// TestGetRefuses covers every refusal; for each, the server must not have
// been reached.
func TestGetRefuses(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want error
	}{
		{"loopback name", "http://local.example/", ErrForbiddenAddress},
		{"loopback literal", "http://127.0.0.1/", ErrForbiddenAddress},
		{"localhost v6", "http://[::1]:8080/", ErrForbiddenAddress},
		{"private 10.x", "http://intranet.example/", ErrForbiddenAddress},
		{"private literal 192.168", "https://192.168.0.1/admin", ErrForbiddenAddress},
		{"metadata name", "http://metadata.example/latest/meta-data/", ErrForbiddenAddress},
		{"metadata literal", "http://169.254.169.254/latest/meta-data/", ErrForbiddenAddress},
		{"metadata v6", "http://v6meta.example/", ErrForbiddenAddress},
		{"one private address among public ones", "http://mixed.example/", ErrForbiddenAddress},
		{"v4-mapped v6 loopback", "http://[::ffff:127.0.0.1]/", ErrForbiddenAddress},
		{"unspecified", "http://0.0.0.0/", ErrForbiddenAddress},
		{"CGNAT", "http://100.100.100.200/", ErrForbiddenAddress},
		{"unknown host", "http://nowhere.example/", ErrResolve},
		{"file scheme", "file:///etc/passwd", ErrScheme},
		{"gopher scheme", "gopher://news.example/", ErrScheme},
		{"no scheme", "news.example/story", ErrScheme},
		{"credentials", "http://user:pw@news.example/", ErrBadURL},
		{"bad port", "http://news.example:99999/", ErrBadURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, d, hits := newFixture(t, page("<p>secret</p>"), Options{})
			_, err := f.Get(context.Background(), tt.url)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Get(%q) = %v, want %v", tt.url, err, tt.want)
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *fetch.Error", err)
			}
			if *hits != 0 || len(d.calls()) != 0 {
				t.Errorf("server hit %d times, dialled %v; want nothing sent", *hits, d.calls())
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/iam", http.StatusFound)
	})
	mux.HandleFunc("/to-intranet", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://intranet.example/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/hop/"), "%d", &n)
		if n == 0 {
			page("<p>arrived</p>")(w, r)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	tests := []struct {
		path string
		want error // nil: fetched
	}{
		{"/to-metadata", ErrForbiddenAddress},
		{"/to-intranet", ErrForbiddenAddress},
		{"/to-file", ErrScheme},
		{fmt.Sprintf("/hop/%d", MaxRedirects), nil},
		{fmt.Sprintf("/hop/%d", MaxRedirects+1), ErrTooManyRedirects},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f, d, _ := newFixture(t, mux, Options{})
			p, err := f.Get(context.Background(), "http://news.example"+tt.path)
			if tt.want == nil {
				if err != nil || !bytes.Contains(p.Body, []byte("arrived")) {
					t.Fatalf("Get = %v, want the page after %d redirects", err, MaxRedirects)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
			for _, a := range d.calls() {
				if a != publicIP+":80" {
					t.Errorf("dialled %s; only the public address may be dialled", a)
				}
			}
		})
	}
}

func TestSizeTypeAndStatusLimits(t *testing.T) {
	const fifty = 50 << 20
	chunk := bytes.Repeat([]byte("<p>lorem ipsum dolor sit amet</p>\n"), 1024)
	mux := http.NewServeMux()
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		// Streamed without a Content-Length: the limit must hold while reading.
		for sent := 0; sent < fifty; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/huge-announced", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(fifty))
	})
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	})
	mux.HandleFunc("/image-undeclared", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no header: the fetcher sniffs
		w.Write(png)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7"))
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("A plain article."))
	})
	mux.HandleFunc("/gone", http.NotFound)
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "sign in", http.StatusUnauthorized)
	})
	tests := []struct {
		path string
		want error
	}{
		{"/huge", ErrTooLarge},
		{"/huge-announced", ErrTooLarge},
		{"/image", ErrContentType},
		{"/image-undeclared", ErrContentType},
		{"/pdf", ErrContentType},
		{"/gone", ErrStatus},
		{"/login", ErrNeedsLogin},
		{"/text", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f, _, _ := newFixture(t, mux, Options{})
			_, err := f.Get(context.Background(), "http://news.example"+tt.path)
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Fatalf("Get = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // never answers while the test waits
		case <-release:
		case <-r.Context().Done():
		}
	})
	trickle := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>first bytes"))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	for name, h := range map[string]http.Handler{"no headers": slow, "body stalls": trickle} {
		t.Run(name, func(t *testing.T) {
			// The limit is shortened for the test; DefaultTimeout is 10 s.
			f, _, _ := newFixture(t, h, Options{Timeout: 200 * time.Millisecond})
			_, err := f.Get(context.Background(), "http://news.example/")
			if !errors.Is(err, ErrTimeout) {
				t.Fatalf("Get = %v, want %v", err, ErrTimeout)
			}
		})
	}
}

// TestAllowPrivate reaches a real loopback server directly, with the real
// dialer, as tests and private deployments do.
func TestAllowPrivate(t *testing.T) {
	srv := httptest.NewServer(page("<p>local news</p>"))
	defer srv.Close()
	if _, err := New(Options{}).Get(context.Background(), srv.URL); !errors.Is(err, ErrForbiddenAddress) {
		t.Fatalf("without AllowPrivate: %v, want %v", err, ErrForbiddenAddress)
	}
	p, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL)
	if err != nil || !bytes.Contains(p.Body, []byte("local news")) {
		t.Fatalf("with AllowPrivate: %v", err)
	}
}

// TestControlRefusesBlockedSockets checks the second line of defence: the
// dialer's Control hook refuses a blocked address even if asked directly.
func TestControlRefusesBlockedSockets(t *testing.T) {
	f := New(Options{})
	for _, addr := range []string{"127.0.0.1:80", "10.0.0.1:443", "[fe80::1]:80", "169.254.169.254:80"} {
		if err := f.control("tcp", addr, nil); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("control(%s) = %v, want %v", addr, err, ErrForbiddenAddress)
		}
	}
	if err := f.control("tcp", publicIP+":443", nil); err != nil {
		t.Errorf("control(public) = %v, want nil", err)
	}
}

func TestBlocked(t *testing.T) {
	blocked := []string{
		"127.0.0.1", "127.255.0.9", "::1", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
		"169.254.169.254", "fe80::1", "fd00:ec2::254", "fc00::1", "100.64.0.1", "100.127.255.254",
		"0.0.0.0", "::", "224.0.0.1", "ff02::1", "255.255.255.255", "240.0.0.1", "192.0.0.192",
		"198.18.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::1",
	}
	allowed := []string{"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "1.1.1.1"}
	for _, s := range blocked {
		if !Blocked(netip.MustParseAddr(s)) {
			t.Errorf("Blocked(%s) = false, want true", s)
		}
	}
	for _, s := range allowed {
		if Blocked(netip.MustParseAddr(s)) {
			t.Errorf("Blocked(%s) = true, want false", s)
		}
	}
}

func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"http://a.example/", "https://[::1]:8080/x", "file:///etc", "http://u:p@h/", "http://h:0/", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := checkURL(s)
		if err != nil {
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" || u.User != nil {
			t.Fatalf("checkURL(%q) accepted %v", s, u)
		}
	})
}
