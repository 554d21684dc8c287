package retrieval

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/internal/analysis"
	"dossier/internal/embed"
	"dossier/internal/evalset"
	"dossier/internal/lang"
	"dossier/internal/testcorpus"
)

// fusionGrid is the set of vector weights TestFitFusionWeight tries.
var fusionGrid = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1}

// TestFitFusionWeight fits localVectorWeight: for each weight of the grid it
// counts passage hit@5 per SQuAD 2.0 slice article and per test-story set,
// then, with each article left out in turn, picks the weight with the best
// mean hit@5 over the other articles (together as one set) and the story
// sets (each set weighing the same) and scores it on the article left out.
// It prints the table and fails if the committed weight is not the one
// picked on all the data. It needs the slice:
//
//	DOSSIER_SQUAD2=/work/shared/eval/squad2/train-slice.json go test ./internal/retrieval -run FitFusion -v
func TestFitFusionWeight(t *testing.T) {
	sq, docs := loadSQuAD(t, "fit")
	ctx := context.Background()
	a := analysis.New(lang.English())
	squad, _, err := Build(ctx, docs, embed.NewLocal(a, 0), a, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// hits[g][w] and total[g]: group g (a SQuAD article or a story set).
	type group struct {
		name  string
		squad bool
		hits  []int
		n     int
	}
	var groups []*group
	for i, art := range sq {
		g := &group{name: art.Title, squad: true, hits: make([]int, len(fusionGrid))}
		for _, q := range art.Questions {
			if !q.Answerable || len(q.Evidence) == 0 {
				continue
			}
			g.n++
			for w, weight := range fusionGrid {
				squad.vectorWeight = weight
				res, err := squad.Search(ctx, q.Question, 5)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range res {
					if r.Chunk.Doc.ID == docs[i].ID && holdsAny(r.Chunk.Text, q.Evidence) {
						g.hits[w]++
						break
					}
				}
			}
		}
		groups = append(groups, g)
	}
	stories := []struct {
		name, story string
		qs          []evalset.Question
	}{
		{"seed story", testcorpus.Seed, evalset.StoryQuestions(testcorpus.Seed)},
		{"second story", testcorpus.Second, evalset.StoryQuestions(testcorpus.Second)},
		{"seed people", testcorpus.Seed, evalset.SeedPeopleQuestions()},
	}
	for _, s := range stories {
		ix := storyIndex(t, s.story)
		g := &group{name: s.name, hits: make([]int, len(fusionGrid))}
		for _, q := range s.qs {
			if !q.Answerable {
				continue
			}
			g.n++
			for w, weight := range fusionGrid {
				ix.vectorWeight = weight
				res, err := ix.Search(ctx, q.Question, 5)
				if err != nil {
					t.Fatal(err)
				}
				if firstHit(res, q.Evidence) > 0 {
					g.hits[w]++
				}
			}
		}
		groups = append(groups, g)
	}

	// objective is the mean hit@5 of weight w over the story sets and the
	// SQuAD articles other than left (pooled as one set).
	objective := func(w int, left *group) float64 {
		var sh, sn int
		var sum float64
		sets := 0
		for _, g := range groups {
			switch {
			case g == left:
			case g.squad:
				sh += g.hits[w]
				sn += g.n
			default:
				sum += float64(g.hits[w]) / float64(g.n)
				sets++
			}
		}
		if sn > 0 {
			sum += float64(sh) / float64(sn)
			sets++
		}
		return sum / float64(sets)
	}
	best := func(left *group) int {
		b := 0
		for w := range fusionGrid {
			if objective(w, left) > objective(b, left) {
				b = w
			}
		}
		return b
	}

	var out strings.Builder
	fmt.Fprintf(&out, "passage hit@5 by vector weight (BM25 weighs 1)\n%-40s", "set")
	for _, w := range fusionGrid {
		fmt.Fprintf(&out, " %6.2f", w)
	}
	out.WriteString("\n")
	for _, g := range groups {
		fmt.Fprintf(&out, "%-40.40s", g.name)
		for w := range fusionGrid {
			fmt.Fprintf(&out, " %6.3f", float64(g.hits[w])/float64(g.n))
		}
		out.WriteString("\n")
	}
	var cvHits, cvN int
	var picked []string
	for _, g := range groups {
		if !g.squad {
			continue
		}
		w := best(g)
		cvHits += g.hits[w]
		cvN += g.n
		picked = append(picked, fmt.Sprint(fusionGrid[w]))
	}
	all := best(nil)
	fmt.Fprintf(&out, "weights picked with each article left out: %s\n", strings.Join(picked, " "))
	fmt.Fprintf(&out, "SQuAD hit@5 cross-validated by article: %.3f\n", float64(cvHits)/float64(cvN))
	fmt.Fprintf(&out, "weight picked on all sets: %v (objective %.3f; plain RRF, weight 1: %.3f)\n",
		fusionGrid[all], objective(all, nil), objective(len(fusionGrid)-1, nil))
	t.Log(out.String())
	if fusionGrid[all] != localVectorWeight {
		t.Errorf("localVectorWeight = %v, but the fit picks %v", localVectorWeight, fusionGrid[all])
	}
}
