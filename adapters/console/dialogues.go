package console

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/triagebot/triagebot/corpus"
)

// Dialogues scores core on a dialogue corpus (TRIAGE.md section 5): each
// conversation's turns go through JSONL, the code path of `chat --jsonl`,
// as one chat, and its output states are scored. Each miss is written to
// w, one line each, as "MISS id (lang): …".
func Dialogues(ctx context.Context, core Core, r io.Reader, w io.Writer) (*corpus.DialogueScore, error) {
	ds, err := readDialogues(r)
	if err != nil {
		return nil, err
	}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, d := range ds {
		for _, t := range d.Turns {
			if err := enc.Encode(map[string]string{"chat": d.ID, "text": t, "sent_at": d.SentAt}); err != nil {
				return nil, fmt.Errorf("console: dialogue %s: %w", d.ID, err)
			}
		}
	}
	var out bytes.Buffer
	if err := JSONL(ctx, core, &in, &out, time.Now().UTC()); err != nil {
		return nil, err
	}
	states := map[string][]corpus.TurnState{}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var st struct {
			corpus.TurnState
			Chat  string `json:"chat"`
			Error string `json:"error"`
		}
		if err := json.Unmarshal(line, &st); err != nil {
			return nil, fmt.Errorf("console: reading chat output: %w", err)
		}
		if st.Error != "" {
			return nil, fmt.Errorf("console: dialogue %s: %s", st.Chat, st.Error)
		}
		states[st.Chat] = append(states[st.Chat], st.TurnState)
	}
	sc := &corpus.DialogueScore{}
	for _, d := range ds {
		if miss := sc.Add(d, states[d.ID]); len(miss) > 0 {
			fmt.Fprintf(w, "MISS %s (%s): %s\n", d.ID, d.Lang, strings.Join(miss, "; "))
		}
	}
	return sc, nil
}

// readDialogues reads a dialogue corpus, one conversation a line; ids must
// be unique, since each names its chat.
func readDialogues(r io.Reader) ([]corpus.Dialogue, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxJSONLLine)
	var ds []corpus.Dialogue
	seen := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var d corpus.Dialogue
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("console: dialogue line %d: %w", n, err)
		}
		if d.ID == "" || seen[d.ID] {
			return nil, fmt.Errorf("console: dialogue line %d: missing or repeated id %q", n, d.ID)
		}
		if d.SentAt != "" {
			if _, err := time.Parse("2006-01-02", d.SentAt); err != nil {
				return nil, fmt.Errorf("console: dialogue %s: sent_at: %w", d.ID, err)
			}
		}
		seen[d.ID] = true
		ds = append(ds, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("console: reading dialogues: %w", err)
	}
	return ds, nil
}
