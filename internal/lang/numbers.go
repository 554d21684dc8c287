package lang

import (
	"strconv"
	"strings"
)

// The English words that write numbers beyond NumberValues' cardinals:
// ordinals, scale words and the letters glued to an amount of money.
// Sources: the number names of Quirk et al., A Comprehensive Grammar of
// the English Language (1985), §6.63–6.64 (cardinal and ordinal numerals,
// "hundred", "thousand", "million", "dozen"), and the AP Stylebook's
// entries "millions, billions" and "dollars" for "$2m"-style amounts
// (British and wire usage: "m" million, "bn" billion, "k" thousand).

// enOrdinalValues maps the ordinal words of one word, "second" to
// "twentieth" and the tens, to their digits ("first" is a loose number).
func enOrdinalValues() map[string]string {
	m := map[string]string{}
	for i, w := range strings.Fields(`second third fourth fifth sixth seventh eighth ninth
tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
twentieth`) {
		m[w] = strconv.Itoa(i + 2)
	}
	for i, w := range strings.Fields(`thirtieth fortieth fiftieth sixtieth seventieth eightieth
ninetieth`) {
		m[w] = strconv.Itoa(30 + 10*i)
	}
	return m
}

// enNumberScales: the words that multiply the number before them, in the
// singular only: "thousands of people" and "dozens" count nothing exact.
func enNumberScales() map[string]float64 {
	return map[string]float64{"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6,
		"billion": 1e9, "trillion": 1e12}
}

// enMoneyScales: the letters glued to an amount after a currency sign.
// Alone, "2m" is as often two metres or two minutes.
func enMoneyScales() map[string]float64 {
	return map[string]float64{"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
}

// enNumberSigns: the signs written against a number and the word each
// stands for: "%" after it, the currency signs of ISO 4217's major
// currencies before it ("$" is every dollar's sign).
func enNumberSigns() map[string]string {
	return map[string]string{"%": "percent", "$": "dollar", "€": "euro", "£": "pound", "¥": "yen",
		"₹": "rupee", "₽": "rouble"}
}
