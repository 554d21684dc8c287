package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStories(t *testing.T) {
	for _, tt := range []struct {
		story    string
		articles int
	}{{Seed, 5}, {Second, 6}} {
		dir := Dir(t, tt.story)
		if !filepath.IsAbs(dir) {
			t.Errorf("%s: directory %s is not absolute", tt.story, dir)
		}
		files := Files(t, tt.story)
		if len(files) != tt.articles {
			t.Errorf("%s: %d article files, want %d: %v", tt.story, len(files), tt.articles, files)
		}
		copied := CopyTo(t, tt.story, filepath.Join(t.TempDir(), "articles"))
		for _, f := range files {
			want, _ := os.ReadFile(f)
			got, err := os.ReadFile(filepath.Join(copied, filepath.Base(f)))
			if err != nil || string(got) != string(want) {
				t.Errorf("%s: copy of %s differs or is missing (%v)", tt.story, filepath.Base(f), err)
			}
		}
	}
	if SeedDir(t) != Dir(t, Seed) || SecondDir(t) != Dir(t, Second) {
		t.Error("SeedDir and SecondDir disagree with Dir")
	}
}
