package retrieval

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"dossier/internal/analysis"
	"dossier/internal/corpus"
)

// storeMagic opens every index file; it changes when the layout or the
// chunking changes, so an old file is rebuilt rather than misread.
const storeMagic = "DOSSIER-INDEX-1\n"

// ErrNoIndex is returned by Store.Load when nothing has been saved yet for
// the embedder.
var ErrNoIndex = errors.New("no saved index")

// Store keeps the last good index on disk, one file per embedder, so the bot
// answers at once on start and after a failed reload, and vectors are not
// paid for twice. A file holds a manifest (the cleaned articles, from which
// the chunks are derived again) followed by chromem-go's export of the
// vector collection: one file rather than chromem's file per document, which
// is slow for large corpora. It is written to a temporary file and renamed
// over the old one, so a crash mid-write leaves the previous file intact.
type Store struct {
	Dir string
	// CreateTemp opens the temporary file a save writes to; nil means
	// os.CreateTemp. Tests use it to write to /dev/full.
	CreateTemp func(dir, pattern string) (*os.File, error)
	// Logger is given to the indexes Load returns; nil discards.
	Logger *slog.Logger
}

type manifest struct {
	Embedder string             `json:"embedder"`
	Chunks   int                `json:"chunks"`
	Docs     []*corpus.Document `json:"docs"`
}

// Path is the file that holds the embedder's index.
func (s *Store) Path(embedderID string) string {
	return filepath.Join(s.Dir, "index-"+corpus.Slug(embedderID)+".bin")
}

// Save writes the index atomically.
func (s *Store) Save(ix *Index) (err error) {
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	create := s.CreateTemp
	if create == nil {
		create = os.CreateTemp
	}
	tmp, err := create(s.Dir, ".index-*.tmp")
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			if filepath.Dir(tmp.Name()) == filepath.Clean(s.Dir) {
				os.Remove(tmp.Name())
			}
			err = fmt.Errorf("save index to %s: %w", s.Dir, err)
		}
	}()
	m, err := json.Marshal(manifest{Embedder: ix.EmbedderID(), Chunks: len(ix.chunks), Docs: ix.docs})
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.WriteString(storeMagic)
	binary.Write(w, binary.BigEndian, uint64(len(m)))
	w.Write(m)
	if err := ix.db.ExportToWriter(w, false, ""); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), s.Path(ix.EmbedderID())); err != nil {
		return err
	}
	syncDir(s.Dir)
	s.removeStaleTemps()
	return nil
}

// removeStaleTemps deletes temporary files left by writes that crashed. Only
// old ones: a young one may belong to another process saving right now.
func (s *Store) removeStaleTemps() {
	old, _ := filepath.Glob(filepath.Join(s.Dir, ".index-*.tmp"))
	for _, f := range old {
		if info, err := os.Stat(f); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(f)
		}
	}
}

// syncDir makes the rename durable; not every platform can, so failure is
// not an error.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Load reads the saved index for the embedder. It fails with ErrNoIndex when
// there is none, and with another error when the file is damaged or stale;
// either way the caller rebuilds from the corpus.
func (s *Store) Load(ctx context.Context, emb Embedder, a *analysis.Analyzer) (*Index, error) {
	path := s.Path(emb.ID())
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoIndex
	}
	if err != nil {
		return nil, fmt.Errorf("load index: %w", err)
	}
	defer f.Close()
	ix, err := readIndex(ctx, f, emb, a)
	if err != nil {
		return nil, fmt.Errorf("load index %s: %w", path, err)
	}
	ix.log = orDiscard(s.Logger)
	return ix, nil
}

// maxManifest bounds the manifest length read from a file, so a damaged
// length cannot make us allocate gigabytes.
const maxManifest = 1 << 30

func readIndex(ctx context.Context, f *os.File, emb Embedder, a *analysis.Analyzer) (*Index, error) {
	magic := make([]byte, len(storeMagic))
	if _, err := io.ReadFull(f, magic); err != nil || string(magic) != storeMagic {
		return nil, errors.New("not an index file of this version")
	}
	var n uint64
	if err := binary.Read(f, binary.BigEndian, &n); err != nil || n > maxManifest {
		return nil, errors.New("damaged manifest length")
	}
	raw := make([]byte, n)
	if _, err := io.ReadFull(f, raw); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	if m.Embedder != emb.ID() {
		return nil, fmt.Errorf("index was built by %s, not %s", m.Embedder, emb.ID())
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	off := int64(len(storeMagic)) + 8 + int64(n)
	db := chromem.NewDB()
	if err := db.ImportFromReader(io.NewSectionReader(f, off, info.Size()-off), ""); err != nil {
		return nil, err
	}
	return fromDB(ctx, db, m, emb, a)
}

// fromDB rebuilds an Index around an imported database, checking that every
// chunk the saved articles give is there with the same text.
func fromDB(ctx context.Context, db *chromem.DB, m manifest, emb Embedder, a *analysis.Analyzer) (*Index, error) {
	coll := db.GetCollection(collectionName(emb.ID()), nil)
	if coll == nil {
		return nil, fmt.Errorf("no collection for embedder %s", emb.ID())
	}
	var chunks []corpus.Chunk
	for _, d := range m.Docs {
		chunks = append(chunks, corpus.ChunkDocument(d)...)
	}
	if len(chunks) == 0 || len(chunks) != m.Chunks || coll.Count() != len(chunks) {
		return nil, fmt.Errorf("stale index: %d chunks saved, articles give %d", coll.Count(), len(chunks))
	}
	pos := make(map[string]int, len(chunks))
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		saved, err := coll.GetByID(ctx, c.ID)
		if err != nil || saved.Content != c.Text {
			return nil, fmt.Errorf("stale index: chunk %s differs", c.ID)
		}
		pos[c.ID] = i
		texts[i] = c.Text
	}
	return &Index{embedder: emb, analyzer: a, docs: m.Docs, chunks: chunks, pos: pos,
		db: db, vectors: coll, bm25: newBM25(a, texts), log: orDiscard(nil),
		vectorWeight: vectorWeight(emb)}, nil
}
