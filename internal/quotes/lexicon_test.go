package quotes

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"strings"
	"testing"
)

// TestListsHaveNoDuplicates checks that no word list of this package
// writes a word twice (a duplicate is harmless to a set but says the list
// was not read as a whole).
func TestListsHaveNoDuplicates(t *testing.T) {
	for name, list := range map[string]string{
		"fillerWords":       fillerWords,
		"ingAdjectiveWords": ingAdjectiveWords,
	} {
		seen := map[string]bool{}
		for _, w := range strings.Fields(list) {
			if seen[w] {
				t.Errorf("%s lists %q twice", name, w)
			}
			seen[w] = true
		}
	}
}

// TestDocNamesEveryRule: the package doc walks through every attribution
// rule (each constant of type Rule), so a rule added without its
// explanation fails here.
func TestDocNamesEveryRule(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(gotoken.NewFileSet(), "attribute.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		v, ok := node.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Rule" {
			for _, name := range v.Names {
				n++
				if !strings.Contains(string(doc), name.Name+":") {
					t.Errorf("doc.go does not explain %s", name.Name)
				}
			}
		}
		return true
	})
	if n == 0 {
		t.Error("no Rule constants found in attribute.go")
	}
}
