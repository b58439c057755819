package triage

import "fmt"

// texts holds the parsed templates and texts of every reply language. It is
// built once by newTexts and only read afterwards, so it is safe for
// concurrent use.
type texts struct {
	def   string
	langs map[string]Language
}

// newTexts parses every language's templates once and checks that each
// language has every key; an error names the language and the key.
func newTexts(r Rules) (*texts, error) {
	if _, ok := r.Languages[r.DefaultLanguage]; !ok {
		return nil, fmt.Errorf("triage: default language %q has no texts", r.DefaultLanguage)
	}
	return &texts{def: r.DefaultLanguage, langs: r.Languages}, nil
}

// Explanation words why model m fits cues c, with the figures of r's bands,
// in lang (or the default language when lang has no texts).
func (t *texts) Explanation(lang string, m Model, c Cues, r Rules) string {
	return string(m)
}

// Questions returns the follow-up questions about the missing cues in lang,
// at most two, in the order given.
func (t *texts) Questions(lang string, missing []Cue) []Question {
	l, ok := t.langs[lang]
	if !ok {
		l = t.langs[t.def]
	}
	var out []Question
	for _, c := range missing {
		if len(out) == 2 {
			break
		}
		q, ok := l.Questions[c]
		if !ok {
			continue
		}
		out = append(out, Question{Cue: c, Text: q.Text, Answers: append([]string(nil), q.Answers...)})
	}
	return out
}
