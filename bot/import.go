package bot

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/triagebot/triagebot/triage"
)

// PastInquiry is an inquiry from before the bot, as an import file gives
// it: one message, who sent it, on which channel, and when.
type PastInquiry struct {
	Text, Channel, User string
	Sent                time.Time
	// Line is where the inquiry is in its file, for errors.
	Line int
	// Key identifies the line, so that importing it again adds nothing.
	Key string
}

// ImportedInquiry triages p as the core triages a message (its text read
// up to maxBytes, 0 for no limit) and returns the finished inquiry to
// store: on its channel ("import" when none), with the user as chat, open,
// every time at Sent.
func ImportedInquiry(e *triage.Engine, p PastInquiry, maxBytes int) Inquiry {
	text := p.Text
	if maxBytes > 0 {
		text, _ = truncateUTF8(text, maxBytes)
	}
	rd := e.Read(text, p.Sent)
	v := e.Decide(rd.Cues, rd.Language)
	channel := strings.ToLower(strings.TrimSpace(p.Channel))
	if channel == "" {
		channel = PlatformImport
	}
	user := strings.TrimSpace(p.User)
	return Inquiry{
		Platform: channel, ChatID: user, UserID: user, UserName: user,
		Texts: []string{p.Text}, Cues: rd.Cues, Model: v.Model, Confidence: v.Confidence,
		Warnings: v.Warnings, Language: v.Language, Status: StatusOpen,
		ImportKey:      p.Key,
		FirstMessageAt: p.Sent, CreatedAt: p.Sent, UpdatedAt: p.Sent,
	}
}

// BatchImporter is the optional capability of an InquiryStore to import
// many inquiries in one transaction (both stores have it); without it,
// Import stores them one by one.
type BatchImporter interface {
	ImportInquiries(ctx context.Context, ins []*Inquiry) (fresh []bool, err error)
}

// importBatch is how many inquiries one transaction stores.
const importBatch = 500

// ImportCounts says what Import stored: inquiries new to the store, and
// those it had already (a file imported again).
type ImportCounts struct{ Imported, Already int }

// Import triages the past inquiries it receives, on every core, and stores
// them in st, in batches where st is a BatchImporter, until past is closed.
// A store error is handed to stop with the line it happened at, and the
// rest drains unstored; so does everything once ctx ends.
func Import(ctx context.Context, st InquiryStore, e *triage.Engine, maxBytes int, past <-chan PastInquiry, stop context.CancelCauseFunc) ImportCounts {
	triaged := make(chan importedLine, 256)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range past {
				if ctx.Err() == nil {
					triaged <- importedLine{line: p.Line, in: ImportedInquiry(e, p, maxBytes)}
				}
			}
		})
	}
	go func() { wg.Wait(); close(triaged) }()
	return storeImported(ctx, st, triaged, stop)
}

// importedLine is an inquiry ready to store, with its line in the file.
type importedLine struct {
	line int
	in   Inquiry
}

// storeImported stores the triaged lines until the channel closes.
func storeImported(ctx context.Context, st InquiryStore, lines <-chan importedLine, stop context.CancelCauseFunc) ImportCounts {
	var n ImportCounts
	count := func(fresh bool) {
		if fresh {
			n.Imported++
		} else {
			n.Already++
		}
	}
	bi, batched := st.(BatchImporter)
	var batch []importedLine
	flush := func() {
		if len(batch) == 0 || ctx.Err() != nil {
			batch = batch[:0]
			return
		}
		ins := make([]*Inquiry, len(batch))
		for i := range batch {
			ins[i] = &batch[i].in
		}
		fresh, err := bi.ImportInquiries(ctx, ins)
		if err != nil {
			stop(fmt.Errorf("the batch of lines %d to %d: %w", batch[0].line, batch[len(batch)-1].line, err))
		}
		for _, f := range fresh {
			count(f)
		}
		batch = batch[:0]
	}
	for l := range lines {
		switch {
		case ctx.Err() != nil:
		case !batched:
			fresh, err := st.ImportInquiry(ctx, &l.in)
			if err != nil {
				stop(fmt.Errorf("line %d: %w", l.line, err))
				continue
			}
			count(fresh)
		default:
			if batch = append(batch, l); len(batch) == importBatch {
				flush()
			}
		}
	}
	flush()
	return n
}
