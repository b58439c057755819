package console

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/internal/testkit"
	"github.com/triagebot/triagebot/triage"
)

// fakeCore is a hand fake of Core with function fields.
type fakeCore struct {
	handle    func(ctx context.Context, m bot.Message) (bot.Reply, error)
	delivered []bot.Message
}

func (f *fakeCore) Handle(ctx context.Context, m bot.Message) (bot.Reply, error) {
	return f.handle(ctx, m)
}
func (f *fakeCore) Delivered(_ context.Context, m bot.Message) error {
	f.delivered = append(f.delivered, m)
	return nil
}

var _ Core = (*fakeCore)(nil)

func TestRenderGolden(t *testing.T) {
	r := bot.Reply{
		Headline: "OEM — made to your design",
		Model:    triage.OEM,
		Facts: []bot.Fact{
			{Cue: "quantity", Label: "Quantity", Value: "3,000 units"},
			{Cue: "budget", Label: "Budget", Value: "EUR 20,000 (≈ USD 21,600)"},
		},
		Warnings:   []bot.Warning{{Code: "budget_below_oem", Text: "The budget is below the usual OEM investment."}},
		Paragraphs: []string{"OEM suits you because you bring the design."},
		Questions:  []triage.Question{{Cue: triage.CueLeadTime, Text: "When do you need the goods?", Answers: []string{"within 2 months", "in 4 months"}}},
	}
	got := Render(r)
	testkit.Golden(t, filepath.Join("testdata", "reply.golden"), []byte(got))
	if !strings.HasPrefix(got, r.Headline+"\n") {
		t.Errorf("Render does not lead with the headline")
	}
}

func TestRunPiped(t *testing.T) {
	var seen []bot.Message
	core := &fakeCore{handle: func(_ context.Context, m bot.Message) (bot.Reply, error) {
		seen = append(seen, m)
		return bot.Reply{Headline: "ODM " + m.Text}, nil
	}}
	var out bytes.Buffer
	in := strings.NewReader("first inquiry\n\n  second  \n")
	if err := Run(context.Background(), core, in, &out, Options{User: "u1"}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[0].Text != "first inquiry" || seen[1].Text != "second" {
		t.Fatalf("core saw %+v; want two messages, blank lines skipped", seen)
	}
	for _, m := range seen {
		if m.Platform != bot.PlatformConsole || m.UserID != "u1" || m.ChatID != "local" || m.EventID == "" {
			t.Errorf("message %+v lacks console identity", m)
		}
	}
	if got := out.String(); got != "ODM first inquiry\n\nODM second\n\n" {
		t.Errorf("output = %q", got)
	}
	if len(core.delivered) != 2 || core.delivered[0].EventID != seen[0].EventID || seen[0].EventID == seen[1].EventID {
		t.Errorf("delivered %+v; want each handled message, each with its own event id", core.delivered)
	}
}

func TestRunStopsOnCoreError(t *testing.T) {
	core := &fakeCore{handle: func(context.Context, bot.Message) (bot.Reply, error) {
		return bot.Reply{}, errors.New("disk full")
	}}
	err := Run(context.Background(), core, strings.NewReader("x\n"), &bytes.Buffer{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Run error = %v, want the core's", err)
	}
}
