package analysis

// stopWords are English function words that carry no topic. Question words
// are included: "who leaked the call" is about leaking and a call.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
		"as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
		"by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
		"from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
		"him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
		"me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
		"only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
		"should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
		"themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
		"under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
		"while", "who", "whom", "whose", "why", "will", "with", "would", "you", "your", "yours",
		"yourself", "yourselves", "also", "may", "might", "must", "shall", "us", "s", "t", "d",
		"ll", "m", "re", "ve", "dont", "doesnt", "didnt", "wont", "cant", "isnt", "arent", "wasnt",
		"werent", "im", "youre", "hes", "shes", "theyre", "weve", "ive", "thats", "whats", "lets",
		"get", "got", "one", "did", "ever", "yet", "via", "like", "many", "much", "even",
	} {
		m[w] = true
	}
	return m
}()

// IsStopWord reports whether a folded word is an English stop word.
func IsStopWord(w string) bool { return stopWords[w] }
