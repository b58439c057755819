package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// window is a scripted fault: active from start for dur after the run began.
type window struct{ start, dur time.Duration }

func (w window) on(since time.Duration) bool {
	return w.dur > 0 && since >= w.start && since < w.start+w.dur
}

// sends records the messages a fake platform took, by destination, with
// when each arrived.
type sends struct {
	mu    sync.Mutex
	by    map[string][]time.Time // destination -> arrival times
	names map[string]int         // a lead card's buyer name -> posts
	all   []time.Time
	edits atomic.Int64
}

func newSends() *sends { return &sends{by: map[string][]time.Time{}, names: map[string]int{}} }

func (s *sends) add(dest string, at time.Time) {
	s.mu.Lock()
	s.by[dest] = append(s.by[dest], at)
	s.all = append(s.all, at)
	s.mu.Unlock()
}

// maxPerWindow is the most sends in any window d long (the pace a platform
// saw), and the shortest gap between two sends to one destination.
func (s *sends) maxPerWindow(d time.Duration) (peak int, minGap time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := append([]time.Time(nil), s.all...)
	sortTimes(all)
	j := 0
	for i := range all {
		for all[i].Sub(all[j]) >= d {
			j++
		}
		peak = max(peak, i-j+1)
	}
	minGap = time.Hour
	for _, ts := range s.by {
		sortTimes(ts)
		for i := 1; i < len(ts); i++ {
			minGap = min(minGap, ts[i].Sub(ts[i-1]))
		}
	}
	return peak, minGap
}

// fakeTelegram answers the Bot API methods triagebot calls. During hang it
// holds sendMessage past the bot's send timeout and then takes it anyway:
// the bot cannot know, so it sends again (an unknown outcome).
type fakeTelegram struct {
	start time.Time
	hang  window
	got   *sends
	hung  atomic.Int64
}

func (f *fakeTelegram) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	chat := ""
	if method == "sendMessage" {
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			chat = r.FormValue("chat_id")
		}
	}
	io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getMe":
		io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Triage","username":"TriageBot"}}`)
	case "sendMessage":
		if f.hang.on(time.Since(f.start)) {
			f.hung.Add(1)
			time.Sleep(7 * time.Second) // past the dispatcher's 5 s send timeout
		}
		f.got.add(chat, time.Now())
		if os.Getenv("LOADTEST_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "%s send chat=%s text=%.40q\n", time.Now().Format("15:04:05.000"), chat, r.FormValue("text"))
		}
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":1,"date":%d,"chat":{"id":1,"type":"private"}}}`, time.Now().Unix())
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

// fakeSlack answers the Web API methods triagebot calls. During throttle
// it answers chat.* with 429 and Retry-After; during fail, with 500.
type fakeSlack struct {
	start           time.Time
	throttle, fail  window
	retryAfter      int
	got             *sends
	limited, failed atomic.Int64
	ts              atomic.Int64
}

func (f *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/")
	_ = r.ParseForm()
	since := time.Since(f.start)
	if strings.HasPrefix(method, "chat.") {
		switch {
		case f.throttle.on(since):
			f.limited.Add(1)
			w.Header().Set("Retry-After", fmt.Sprint(f.retryAfter))
			w.WriteHeader(http.StatusTooManyRequests)
			return
		case f.fail.on(since):
			f.failed.Add(1)
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "auth.test":
		io.WriteString(w, `{"ok":true,"team_id":"T1","user_id":"UBOT","bot_id":"BBOT"}`)
	case "users.info":
		u := r.FormValue("user")
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "user": map[string]any{"id": u, "name": "buyer" + u,
			"profile": map[string]any{"real_name": "Buyer " + u}}})
	case "chat.postMessage":
		ch := r.FormValue("channel")
		if ch == salesChannel {
			f.countCard(r.FormValue("text"))
		} else {
			f.got.add(ch, time.Now())
		}
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, ch, f.ts.Add(1))
	case "chat.update":
		f.got.edits.Add(1)
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q}`, r.FormValue("channel"), r.FormValue("ts"))
	default:
		io.WriteString(w, `{"ok":true}`)
	}
}

// countCard counts a lead card post by the buyer name it shows.
func (f *fakeSlack) countCard(text string) {
	name := ""
	if i := strings.Index(text, "Load"); i >= 0 {
		name = text[i:]
		if j := strings.IndexAny(name, " *_()\n"); j > 0 {
			name = name[:j]
		}
	}
	f.got.mu.Lock()
	f.got.names[name]++
	f.got.mu.Unlock()
}
