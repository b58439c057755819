package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// replica is one `triagebot serve` process the load test started; it can
// be killed (SIGKILL) and started again on the same address.
type replica struct {
	n    int
	addr string
	env  []string
	bin  string

	mu      sync.Mutex
	cmd     *exec.Cmd
	up      bool
	peakRSS int64 // KiB, over every process this replica ran
}

func (r *replica) start(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, r.bin, "serve")
	cmd.Env = append(append(os.Environ(), r.env...), "TRIAGEBOT_HTTP_ADDR="+r.addr)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("replica %d: %w", r.n, err)
	}
	r.mu.Lock()
	r.cmd, r.up = cmd, true
	r.mu.Unlock()
	go func() {
		cmd.Wait()
		r.mu.Lock()
		if r.cmd == cmd {
			r.up = false
		}
		r.mu.Unlock()
	}()
	return waitReady(ctx, "http://"+r.addr+"/readyz")
}

// kill sends SIGKILL: no shutdown, no goodbye, as a crash.
func (r *replica) kill() {
	r.sampleRSS()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd != nil && r.up {
		r.cmd.Process.Signal(syscall.SIGKILL)
		r.up = false
	}
}

// stop asks for a graceful shutdown and waits.
func (r *replica) stop() {
	r.sampleRSS()
	r.mu.Lock()
	cmd, up := r.cmd, r.up
	r.mu.Unlock()
	if cmd != nil && up {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
		}
	}
}

func (r *replica) alive() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.up
}

// sampleRSS reads the process's peak resident set (VmHWM) from /proc.
func (r *replica) sampleRSS() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil || r.cmd.Process == nil || !r.up {
		return
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", r.cmd.Process.Pid))
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			r.peakRSS = max(r.peakRSS, kb)
		}
	}
}

func waitReady(ctx context.Context, url string) error {
	deadline := time.Now().Add(60 * time.Second)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("triagebot at %s did not become ready", url)
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// serveFake serves h on a loopback port and returns its base URL.
func serveFake(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(ln, h)
	return "http://" + ln.Addr().String(), nil
}
