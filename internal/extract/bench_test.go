package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkHTML extracts each real-page fixture (no network).
func BenchmarkHTML(b *testing.B) {
	for _, name := range []string{"wire-reuters.html", "boilerplate-dailymail.html", "liveblog-corkbeo.html"} {
		body, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := HTML(body, "https://news.example/a", "text/html"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
