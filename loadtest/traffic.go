package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// delivery is one webhook request a platform makes: a Telegram update or a
// signed Slack event. dest is where its reply must go.
type delivery struct {
	path  string
	body  []byte
	slack bool
	dest  string
	retry bool // a platform's redelivery of one already sent
}

var messages = []string{
	"We need 3000 LED mirrors made to our own design, budget USD 40,000",
	"Can you do your catalog arch mirror with our logo? 600 pcs, delivery in 2 months",
	"Hola, queremos 1.500 espejos de diseño propio, presupuesto 25.000 EUR",
	"Kami butuh 800 unit cermin dari katalog Anda dengan logo kami",
	"我们需要一万件镜子，全部由贵厂负责采购和物流，预算50万美元",
	"hello, MOQ for a round LED mirror?",
}

// plan builds the deliveries: n Telegram updates (perChat per chat) and
// slackN Slack DMs (one per channel), interleaved, with a dup fraction
// sent twice (the copy later, as a platform's redelivery).
func plan(n, perChat, slackN int, dup float64, seed uint64) (ds []delivery, expect map[string]int, cards int) {
	r := rand.New(rand.NewPCG(seed, 7))
	expect = map[string]int{}
	t0 := time.Now().Unix()
	for i := range n {
		chat := 200000 + i/perChat
		dest := strconv.Itoa(chat)
		b, _ := json.Marshal(map[string]any{
			"update_id": i + 1,
			"message": map[string]any{
				"message_id": i + 1, "date": t0, "text": messages[i%len(messages)],
				"from": map[string]any{"id": chat, "is_bot": false, "first_name": "Load" + dest, "language_code": "en"},
				"chat": map[string]any{"id": chat, "type": "private"},
			},
		})
		ds = append(ds, delivery{path: "/telegram/webhook", body: b, dest: dest})
		expect[dest]++
	}
	cards = (n + perChat - 1) / perChat
	for i := range slackN {
		ch := fmt.Sprintf("D%07d", i)
		b, _ := json.Marshal(map[string]any{
			"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
			"event_id": fmt.Sprintf("Ev%08d", i), "event_time": t0,
			"event": map[string]any{"type": "message", "channel": ch, "user": fmt.Sprintf("U%07d", i),
				"text": messages[i%len(messages)], "ts": fmt.Sprintf("%d.%06d", t0, i), "channel_type": "im"},
		})
		ds = append(ds, delivery{path: "/slack/events", body: b, slack: true, dest: ch})
		expect[ch]++
	}
	r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
	// Keep each Telegram chat's messages in update order, as Telegram does.
	next := map[string][]delivery{}
	for _, d := range ds {
		next[d.dest] = append(next[d.dest], d)
	}
	out := make([]delivery, 0, len(ds)+int(float64(len(ds))*dup))
	used := map[string]int{}
	for _, d := range ds {
		list := next[d.dest]
		d = list[used[d.dest]]
		used[d.dest]++
		out = append(out, d)
	}
	var dups []int
	for i := range out {
		if r.Float64() < dup {
			dups = append(dups, i)
		}
	}
	for _, i := range dups {
		c := out[i]
		c.retry = true
		at := min(len(out), i+1+r.IntN(200))
		out = append(out[:at], append([]delivery{c}, out[at:]...)...)
	}
	return out, expect, cards
}

// client fires deliveries at the replicas like a load balancer in front of
// them and the platforms behind it: round robin over the live replicas,
// and a refused connection or a 5xx is tried on the next one (Telegram and
// Slack deliver again), up to a bound.
type client struct {
	replicas []*replica
	secret   string // Telegram webhook secret
	signing  string // Slack signing secret
	http     *http.Client
	next     atomic.Int64

	mu        sync.Mutex
	acks      []time.Duration
	firstSent map[string]time.Time
	failed    int
	attempts  int
}

func (c *client) send(ctx context.Context, d delivery) {
	c.mu.Lock()
	if _, ok := c.firstSent[d.dest]; !ok {
		c.firstSent[d.dest] = time.Now()
	}
	c.mu.Unlock()
	for try := range 100 {
		if ctx.Err() != nil {
			return
		}
		r := c.pick()
		if r == nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		t0 := time.Now()
		code, err := c.post(ctx, r, d, try)
		c.mu.Lock()
		c.attempts++
		if err == nil && code == http.StatusOK {
			c.acks = append(c.acks, time.Since(t0))
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	c.mu.Lock()
	c.failed++
	c.mu.Unlock()
}

func (c *client) pick() *replica {
	for range len(c.replicas) {
		r := c.replicas[int(c.next.Add(1))%len(c.replicas)]
		if r.alive() {
			return r
		}
	}
	return nil
}

func (c *client) post(ctx context.Context, r *replica, d delivery, try int) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+r.addr+d.path, bytes.NewReader(d.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if d.slack {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		m := hmac.New(sha256.New, []byte(c.signing))
		m.Write([]byte("v0:" + ts + ":"))
		m.Write(d.body)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(m.Sum(nil)))
		if d.retry || try > 0 {
			req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(max(try, 1)))
			req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
	} else {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", c.secret)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// fire sends ds at rate a second (0: as fast as conc clients go) and
// returns when all are acknowledged or given up.
func (c *client) fire(ctx context.Context, ds []delivery, rate float64, conc int) time.Duration {
	start := time.Now()
	work := make(chan delivery)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for d := range work {
				c.send(ctx, d)
			}
		})
	}
	for i, d := range ds {
		if rate > 0 {
			if wait := time.Until(start.Add(time.Duration(float64(i) / rate * float64(time.Second)))); wait > 0 {
				time.Sleep(wait)
			}
		}
		select {
		case work <- d:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	return time.Since(start)
}
