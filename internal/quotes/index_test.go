package quotes

import (
	"reflect"
	"strings"
	"testing"

	"dossier/internal/corpus"
)

func harbourDocs() []*corpus.Document {
	return []*corpus.Document{
		doc("harbour",
			"Mayor Anna Kowalski defended the harbour plan on Monday.",
			"“The harbour will stay open to everyone,” Kowalski said. “Nobody loses access to the water.”",
			"Port director José Núñez called the levy “a fair deal.”",
			"Tom Berger, the council's finance chief, said the budget was “balanced.” “The harbour costs nothing extra,” he added.",
			"The plan was described by some as a “land grab.”"),
		doc("vote", "Kowalski said the vote was “a win for the harbour.”"),
	}
}

func TestSourcesPointAtTheText(t *testing.T) {
	docs := harbourDocs()
	byID := map[string]*corpus.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	for _, q := range Build(docs).All() {
		for _, s := range q.Sources {
			d := byID[s.Doc]
			p := d.Paragraphs[s.Paragraph-1]
			if got := p[s.Start:s.End]; normalize(got) != normalize(q.Text) {
				t.Errorf("paragraph[%d:%d] = %q, want the quotation %q", s.Start, s.End, got, q.Text)
			}
			if !strings.Contains(s.Context, q.Text) || !strings.Contains(p, s.Context) {
				t.Errorf("context %q: want a part of the paragraph holding %q", s.Context, q.Text)
			}
			var chunk *corpus.Chunk
			for _, c := range corpus.ChunkDocument(d) {
				if c.ID == s.Chunk {
					chunk = &c
				}
			}
			if chunk == nil || !strings.Contains(chunk.Text, q.Text) {
				t.Errorf("chunk %q does not hold %q", s.Chunk, q.Text)
			}
			if s.Title != d.Title || s.Date != d.Date || s.URL != d.URL {
				t.Errorf("source metadata %+v does not match the article %+v", s, d.Meta)
			}
		}
	}
}

// A paragraph too long for one chunk is cut between sentences; the source
// names the chunk that holds the quotation, not the paragraph's first.
func TestSourceChunkInLongParagraph(t *testing.T) {
	filler := strings.Repeat("The council met again and discussed the harbour budget at length. ", 30)
	d := doc("long", "Mayor Anna Kowalski spoke.", filler+"Kowalski said the budget was “final.”")
	q := Build([]*corpus.Document{d}).Lookup("Kowalski", "").Quotes
	if len(q) != 1 {
		t.Fatalf("got %d quotes, want 1", len(q))
	}
	chunks := corpus.ChunkDocument(d)
	last := chunks[len(chunks)-1]
	if q[0].Sources[0].Chunk != last.ID || !strings.Contains(last.Text, "“final.”") {
		t.Errorf("chunk %s, want %s (the one holding the quotation)", q[0].Sources[0].Chunk, last.ID)
	}
}

func TestLookupForgives(t *testing.T) {
	ix := Build(harbourDocs())
	for _, query := range []string{
		"Anna Kowalski", "anna kowalski", "KOWALSKI", "Kowalski", "Anna", "Mayor Kowalski", "Ms. Kowalski",
		"Kowalsky", "kowalski ", "Kowalsk",
	} {
		if got := ix.Lookup(query, "").Speaker; got != "Anna Kowalski" {
			t.Errorf("Lookup(%q) speaker = %q, want Anna Kowalski", query, got)
		}
	}
	for _, query := range []string{"Jose Nunez", "núñez", "NUNEZ", "Nunes"} {
		if got := ix.Lookup(query, "").Speaker; got != "José Núñez" {
			t.Errorf("Lookup(%q) speaker = %q, want José Núñez", query, got)
		}
	}
}

func TestLookupExactness(t *testing.T) {
	ix := Build(harbourDocs())
	for _, tc := range []struct {
		query string
		name  string
		exact bool
	}{
		{"Kowalski", "Anna Kowalski", true},
		{"anna KOWALSKI", "Anna Kowalski", true},
		{"Kowalsky", "Anna Kowalski", false},
		{"Kowalski harbour", "", false},
		{"", "", false},
	} {
		name, exact := ix.Match(tc.query)
		if name != tc.name || exact != tc.exact {
			t.Errorf("Match(%q) = %q, %v; want %q, %v", tc.query, name, exact, tc.name, tc.exact)
		}
	}
}

func TestLookupSuggests(t *testing.T) {
	ix := Build(harbourDocs())
	res := ix.Lookup("Bergman", "")
	if res.Speaker != "" || len(res.Quotes) != 0 {
		t.Errorf("Lookup(Bergman) = %q with %d quotes, want no match", res.Speaker, len(res.Quotes))
	}
	if len(res.Suggestions) == 0 || res.Suggestions[0] != "Tom Berger" {
		t.Errorf("suggestions %v, want Tom Berger first", res.Suggestions)
	}
	if res.Query != "Bergman" {
		t.Errorf("query %q, want Bergman", res.Query)
	}
}

func TestLookupTopicOrders(t *testing.T) {
	ix := Build(harbourDocs())
	plain := texts(ix.Lookup("Kowalski", "").Quotes)
	want := []string{"The harbour will stay open to everyone,", "Nobody loses access to the water.", "a win for the harbour."}
	if !reflect.DeepEqual(plain, want) {
		t.Errorf("without topic: %q, want corpus order %q", plain, want)
	}
	byTopic := texts(ix.Lookup("Kowalski", "water access").Quotes)
	if byTopic[0] != "Nobody loses access to the water." || len(byTopic) != 3 {
		t.Errorf("topic \"water access\": %q, want the water quotation first and all three kept", byTopic)
	}
	byVote := texts(ix.Lookup("Kowalski", "the vote").Quotes)
	if byVote[0] != "a win for the harbour." {
		t.Errorf("topic \"the vote\": %q, want the quotation whose context mentions the vote first", byVote)
	}
}

func TestSpeakersAndAll(t *testing.T) {
	ix := Build(harbourDocs())
	want := []Speaker{{Name: "Anna Kowalski", Quotes: 3}, {Name: "Tom Berger", Quotes: 2}, {Name: "José Núñez", Quotes: 1}}
	if got := ix.Speakers(); !reflect.DeepEqual(got, want) {
		t.Errorf("Speakers = %+v, want %+v", got, want)
	}
	all := ix.All()
	if len(all) != ix.Len() || len(all) != 7 {
		t.Fatalf("All has %d, Len %d; want 7", len(all), ix.Len())
	}
	var unattributed []string
	for _, q := range all {
		if q.Speaker == "" {
			unattributed = append(unattributed, q.Text)
		}
	}
	if !reflect.DeepEqual(unattributed, []string{"land grab."}) {
		t.Errorf("unattributed %q, want only the scare quote", unattributed)
	}
}

// The index is shared by concurrent lookups: what it returns is a copy.
func TestResultsAreCopies(t *testing.T) {
	ix := Build(harbourDocs())
	res := ix.Lookup("Kowalski", "")
	res.Quotes[0].Text = "changed"
	res.Quotes[0].Sources[0].Doc = "changed"
	all := ix.All()
	all[1].Sources[0].Context = "changed"
	again := ix.Lookup("Kowalski", "")
	if again.Quotes[0].Text == "changed" || again.Quotes[0].Sources[0].Doc == "changed" || ix.All()[1].Sources[0].Context == "changed" {
		t.Error("changing a result changed the index")
	}
	sp := ix.Speakers()
	sp[0].Name = "changed"
	if ix.Speakers()[0].Name == "changed" {
		t.Error("changing Speakers changed the index")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	docs := loadCorpus(t)
	a, b := Build(docs).All(), Build(docs).All()
	if !reflect.DeepEqual(a, b) {
		t.Error("two builds of the same articles differ")
	}
}

func TestEmptyCorpus(t *testing.T) {
	ix := Build(nil)
	if ix.Len() != 0 || len(ix.All()) != 0 || len(ix.Speakers()) != 0 {
		t.Error("an empty corpus has quotations")
	}
	if res := ix.Lookup("anyone", "topic"); res.Speaker != "" || len(res.Suggestions) != 0 {
		t.Errorf("lookup in an empty index = %+v", res)
	}
}

func texts(qs []Quote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Text)
	}
	return out
}

// FuzzBuild: whatever the articles hold, Build and Lookup do not panic and
// every source's offsets lie inside its paragraph and give its text.
func FuzzBuild(f *testing.F) {
	f.Add("Mayor Anna Kowalski spoke.\n“The bridge,” Kowalski said, “is safe.”\n“More.", "Kowalski")
	f.Add("\"a\" he said\n“b\n“c,” said Mr. X (R-Y).\nA. B, the c, said “d”", "Witkof")
	f.Add("‘x’ ’y‘ „a“ «b» «c\n, , “” (\n) and “", "")
	f.Fuzz(func(t *testing.T, text, query string) {
		paras := strings.Split(text, "\n")
		d := doc("f", paras...)
		ix := Build([]*corpus.Document{d})
		for _, q := range ix.All() {
			for i, s := range q.Sources {
				if s.Paragraph < 1 || s.Paragraph > len(paras) {
					t.Fatalf("paragraph %d of %d", s.Paragraph, len(paras))
				}
				p := paras[s.Paragraph-1]
				if s.Start < 0 || s.Start > s.End || s.End > len(p) {
					t.Fatalf("offsets [%d:%d] outside paragraph of %d bytes", s.Start, s.End, len(p))
				}
				// The first source gives Text exactly; others report the
				// same words, maybe with other case or end punctuation.
				if got := p[s.Start:s.End]; i == 0 && got != q.Text || normalize(got) != normalize(q.Text) {
					t.Fatalf("source %d: paragraph[%d:%d] = %q, text %q", i, s.Start, s.End, got, q.Text)
				}
				if !strings.Contains(p, s.Context) {
					t.Fatalf("context %q not in the paragraph", s.Context)
				}
			}
		}
		ix.Lookup(query, query)
		ix.Speakers()
	})
}
