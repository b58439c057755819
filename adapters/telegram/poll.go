package telegram

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// pollGate is the HTTP client the library polls through. It closes a gap
// in the library's long polling: the library asks for the next batch (which
// confirms the last one to Telegram) as soon as it has queued the updates,
// before they are handled, so a crash in between would lose them. The gate
// holds each getUpdates request until every update of the previous batch has
// been recorded (or maxWait passes, so that a stuck handler cannot stop
// polling for good). Other methods pass straight through. Safe for
// concurrent use.
type pollGate struct {
	next    tgbot.HttpClient
	maxWait time.Duration
	// onHold, if set, is told when a poll waits for the last batch (a
	// test seam).
	onHold func()

	mu      sync.Mutex
	pending map[int64]bool
	idle    chan struct{} // closed while nothing is pending
}

func newPollGate(next tgbot.HttpClient, maxWait time.Duration) *pollGate {
	idle := make(chan struct{})
	close(idle)
	return &pollGate{next: next, maxWait: maxWait, pending: map[int64]bool{}, idle: idle}
}

// Do sends req; for getUpdates it first waits for the previous batch and
// afterwards remembers the update ids of the new one.
func (g *pollGate) Do(req *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(req.URL.Path, "/getUpdates") {
		return g.next.Do(req)
	}
	g.mu.Lock()
	idle, held := g.idle, len(g.pending) > 0
	g.mu.Unlock()
	if held && g.onHold != nil {
		g.onHold()
	}
	t := time.NewTimer(g.maxWait)
	select {
	case <-idle:
	case <-req.Context().Done():
		t.Stop()
		return nil, req.Context().Err()
	case <-t.C:
		g.forget()
	}
	t.Stop()

	resp, err := g.next.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	// Decode as the library will: if it cannot, it hands nothing to the
	// handler, so there is nothing to wait for either.
	var env struct {
		OK     bool             `json:"ok"`
		Result []*models.Update `json:"result"`
	}
	if json.Unmarshal(body, &env) == nil && env.OK {
		g.mu.Lock()
		for _, u := range env.Result {
			if u == nil {
				continue
			}
			if len(g.pending) == 0 {
				g.idle = make(chan struct{})
			}
			g.pending[u.ID] = true
		}
		g.mu.Unlock()
	}
	return resp, nil
}

// done marks an update of the last batch as recorded (or dropped).
func (g *pollGate) done(id int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.pending[id] {
		return
	}
	delete(g.pending, id)
	if len(g.pending) == 0 {
		close(g.idle)
	}
}

// forget gives up waiting for the last batch.
func (g *pollGate) forget() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.pending) > 0 {
		clear(g.pending)
		close(g.idle)
	}
}
