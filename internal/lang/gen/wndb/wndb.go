// Package wndb reads Princeton WordNet 3.0's database files (Debian's
// wordnet-base, /usr/share/wordnet; format in wndb(5WN)) for the language
// layer's generators: the lemmas of an index.<pos> file and the synsets of
// a data.<pos> file. WordNet's licence is in
// internal/lang/wordnet/LICENSE-WordNet.
package wndb

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Lemma is one line of index.<pos>.
type Lemma struct {
	Word string
	// Offsets are the lemma's synsets, byte offsets in data.<pos> written
	// as in the files (eight digits), in WordNet's order: the sense most
	// frequent in the SemCor corpus first.
	Offsets []string
	// Tagged is how many of its senses were tagged in SemCor.
	Tagged int
}

// ReadIndex reads index.<pos>: lemma pos synset_cnt p_cnt [ptr_symbol…]
// sense_cnt tagsense_cnt synset_offset…, the licence at the top of the
// file skipped. A line whose counts do not parse is an error naming the
// file and the line.
func ReadIndex(path string) ([]Lemma, error) {
	var out []Lemma
	err := EachLine(path, func(line string, n int) error {
		if strings.HasPrefix(line, " ") {
			return nil // the licence
		}
		f := strings.Fields(line)
		if len(f) < 6 {
			return fmt.Errorf("%s:%d: short line", path, n)
		}
		cnt, err1 := strconv.Atoi(f[2])
		pcnt, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || len(f) < 6+pcnt+cnt {
			return fmt.Errorf("%s:%d: bad counts", path, n)
		}
		tagged, err := strconv.Atoi(f[5+pcnt])
		if err != nil {
			return fmt.Errorf("%s:%d: bad tagged sense count", path, n)
		}
		out = append(out, Lemma{Word: f[0], Offsets: f[6+pcnt : 6+pcnt+cnt], Tagged: tagged})
		return nil
	})
	return out, err
}

// Data is a data.<pos> file, read whole so that a synset is found by its
// offset.
type Data []byte

// ReadData reads a data.<pos> file.
func ReadData(path string) (Data, error) {
	return os.ReadFile(path)
}

// Synset returns the fields of the synset line at offset: synset_offset
// lex_filenum ss_type w_cnt word lex_id … (the gloss included).
func (d Data) Synset(offset string) ([]string, error) {
	at, err := strconv.Atoi(offset)
	if err != nil || at < 0 || at >= len(d) {
		return nil, fmt.Errorf("bad synset offset %q", offset)
	}
	line, _, _ := strings.Cut(string(d[at:]), "\n")
	f := strings.Fields(line)
	if len(f) < 4 || f[0] != offset {
		return nil, fmt.Errorf("no synset at offset %s", offset)
	}
	return f, nil
}

// LexFile returns the number of the lexicographer file (lexnames(5WN))
// that holds the synset at offset: 18 is noun.person, 32
// verb.communication.
func (d Data) LexFile(offset string) (int, error) {
	f, err := d.Synset(offset)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, fmt.Errorf("synset %s: bad lex_filenum %q", offset, f[1])
	}
	return n, nil
}

// EachLine calls fn with each line of the file at path and its number,
// from 1, stopping at fn's first error.
func EachLine(path string, fn func(line string, n int) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if err := fn(sc.Text(), n); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
