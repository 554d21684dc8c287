package lang

// Abbreviated titles of the Associated Press Stylebook ("abbreviations and
// acronyms", "legislative titles", "military titles") that
// enTitleExpansions did not hold: "Del. Stacey Plaskett" (a delegate to
// the House), "Cpl.", "Pvt.", "Brig. Gen.". Each is an abbreviation the
// sentence splitter must not end a sentence on, and a title that makes the
// name after it a person.
var enAPTitleExpansions = [][2]string{
	{"del", "delegate"}, {"cpl", "corporal"}, {"pvt", "private"}, {"brig", "brigadier"},
}

// apTitleAbbrevs returns the abbreviations of enAPTitleExpansions that
// enTitleAbbrevs lacks, for the splitter's list.
func apTitleAbbrevs() string {
	have := NewWordSet(enTitleAbbrevs)
	out := ""
	for _, p := range enAPTitleExpansions {
		if !have.Has(p[0]) {
			out += " " + p[0]
		}
	}
	return out
}
