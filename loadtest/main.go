// Command loadtest measures triagebot end to end on this machine: it runs a
// triagebot binary with Telegram in webhook mode against a fake Bot API it
// serves itself, fires signed webhook updates at it from concurrent
// clients, and reports acknowledged updates per second, the latency of the
// acknowledgement, and how long until every reply reached the fake API.
//
//	go build -o /tmp/triagebot . && go run ./loadtest -bin /tmp/triagebot -n 5000 -c 16
//
// All traffic stays on 127.0.0.1; the run is bounded by -n and -timeout.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	token  = "123456:loadtest"
	secret = "loadtest-secret"
)

var messages = []string{
	"We need 3000 LED mirrors made to our own design, budget USD 40,000",
	"Can you do your catalog arch mirror with our logo? 600 pcs, delivery in 2 months",
	"Hola, necesitamos 2.000 espejos con nuestro diseño, presupuesto 30.000 EUR",
	"Kami butuh 800 unit cermin dari katalog Anda dengan logo kami",
	"我们需要一万件镜子，全部由贵厂负责采购和物流，预算50万美元",
	"hi what is your MOQ for LED mirror?",
}

func main() {
	bin := flag.String("bin", "", "triagebot binary to run (required)")
	n := flag.Int("n", 5000, "webhook updates to send")
	conc := flag.Int("c", 16, "concurrent clients")
	timeout := flag.Duration("timeout", 5*time.Minute, "give up after this long")
	dsn := flag.String("database-url", "", "DATABASE_URL for PostgreSQL (default: SQLite in a temp dir)")
	flag.Parse()
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -bin is required (go build -o /tmp/triagebot .)")
		os.Exit(2)
	}
	if err := run(*bin, *n, *conc, *timeout, *dsn); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(bin string, n, conc int, timeout time.Duration, dsn string) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	api := &fakeAPI{}
	apiLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go http.Serve(apiLn, api)

	botAddr, err := freeAddr()
	if err != nil {
		return err
	}
	dataDir, err := os.MkdirTemp("", "triagebot-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dataDir)
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Env = append(os.Environ(),
		"TELEGRAM_BOT_TOKEN="+token, "TELEGRAM_WEBHOOK_SECRET="+secret,
		"TRIAGEBOT_TELEGRAM_API_URL=http://"+apiLn.Addr().String(),
		"TRIAGEBOT_TELEGRAM_MODE=webhook", "TRIAGEBOT_HTTP_ADDR="+botAddr,
		"TRIAGEBOT_DATA_DIR="+dataDir, "TRIAGEBOT_LOG_LEVEL=warn",
	)
	if dsn != "" {
		cmd.Env = append(cmd.Env, "DATABASE_URL="+dsn)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	base := "http://" + botAddr
	if err := waitReady(ctx, base+"/readyz"); err != nil {
		return err
	}

	// Each update comes from its own chat: Telegram allows about one
	// message a second per chat, so one chat would measure the pacing.
	var next atomic.Int64
	lat := make([]time.Duration, n)
	var failed atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 30 * time.Second}
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				if err := post(ctx, client, base+"/telegram/webhook", update(i)); err != nil {
					failed.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	ackDur := time.Since(start)
	for api.sent.Load() < int64(n)-failed.Load() && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	allDur := time.Since(start)

	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	fmt.Printf("updates %d, clients %d, failed %d, store %s\n", n, conc, failed.Load(), map[bool]string{true: "PostgreSQL", false: "SQLite"}[dsn != ""])
	fmt.Printf("acknowledged: %.0f updates/s (%.2fs); ack latency p50 %v p95 %v p99 %v\n",
		float64(n)/ackDur.Seconds(), ackDur.Seconds(), pct(0.50).Round(time.Microsecond), pct(0.95).Round(time.Microsecond), pct(0.99).Round(time.Microsecond))
	fmt.Printf("replied: %d replies in %.2fs (%.0f/s end to end)\n", api.sent.Load(), allDur.Seconds(), float64(api.sent.Load())/allDur.Seconds())
	return ctx.Err()
}

func update(i int) []byte {
	b, _ := json.Marshal(map[string]any{
		"update_id": i + 1,
		"message": map[string]any{
			"message_id": 1, "date": time.Now().Unix(), "text": messages[i%len(messages)],
			"from": map[string]any{"id": 100000 + i, "is_bot": false, "first_name": "Load", "language_code": "en"},
			"chat": map[string]any{"id": 100000 + i, "type": "private"},
		},
	})
	return b
}

func post(ctx context.Context, c *http.Client, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func waitReady(ctx context.Context, url string) error {
	for ctx.Err() == nil {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("triagebot did not become ready: %w", ctx.Err())
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// fakeAPI answers the Bot API methods triagebot calls and counts replies.
type fakeAPI struct {
	sent atomic.Int64
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getMe":
		io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Triage","username":"TriageBot"}}`)
	case "sendMessage":
		f.sent.Add(1)
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":1,"type":"private"}}}`, f.sent.Load(), time.Now().Unix())
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}
