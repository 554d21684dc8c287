package evalset

import (
	"encoding/json"
	"fmt"
	"os"
)

// SQuADArticle is one article of a SQuAD 2.0 file: its title, its
// paragraphs in order, and the questions asked about them. An answerable
// question's gold answers serve as both its answer terms (one group: the
// reply must hold one of them) and its evidence.
type SQuADArticle struct {
	Title      string
	Paragraphs []string
	Questions  []Question
}

// squadFile is the shape of SQuAD 2.0's JSON.
type squadFile struct {
	Data []struct {
		Title      string `json:"title"`
		Paragraphs []struct {
			Context string `json:"context"`
			QAs     []struct {
				ID           string `json:"id"`
				Question     string `json:"question"`
				IsImpossible bool   `json:"is_impossible"`
				Answers      []struct {
					Text string `json:"text"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

// LoadSQuAD reads a SQuAD 2.0 file (the slice in ../shared/eval/squad2 and
// internal/answer/testdata/squad2; read its README) article by article.
func LoadSQuAD(path string) ([]SQuADArticle, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read SQuAD file: %w", err)
	}
	var f squadFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	arts := make([]SQuADArticle, 0, len(f.Data))
	for _, a := range f.Data {
		art := SQuADArticle{Title: a.Title}
		for _, p := range a.Paragraphs {
			art.Paragraphs = append(art.Paragraphs, p.Context)
			for _, qa := range p.QAs {
				q := Question{ID: qa.ID, Question: qa.Question, Answerable: !qa.IsImpossible}
				if q.Answerable {
					var gold []string
					for _, an := range qa.Answers {
						gold = append(gold, an.Text)
					}
					q.AnswerTerms, q.Evidence = [][]string{gold}, gold
				}
				art.Questions = append(art.Questions, q)
			}
		}
		arts = append(arts, art)
	}
	return arts, nil
}
