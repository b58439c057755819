//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package sqlite

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestTryLockOneHolderPerFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "triagebot.db")
	a, b := openAt(t, path, Options{}), openAt(t, path, Options{}) // two opens of one file
	const name = "telegram-polling"

	release, _, held, err := a.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("first TryLock(%q) = held %v, err %v; want held", name, held, err)
	}
	if r, _, held, err := b.TryLock(ctx, name); err != nil || held || r != nil {
		t.Fatalf("TryLock(%q) by a second Store while held = held %v, release %v, err %v; want not held", name, held, r != nil, err)
	}
	if _, _, held, err := a.TryLock(ctx, name); err != nil || held {
		t.Fatalf("TryLock(%q) again by the holding Store = held %v, err %v; want not held", name, held, err)
	}
	other, _, held, err := b.TryLock(ctx, "other")
	if err != nil || !held {
		t.Fatalf("TryLock of another name = held %v, err %v; want held", held, err)
	}
	other()

	release()
	release() // harmless
	release2, _, held, err := b.TryLock(ctx, name)
	if err != nil || !held {
		t.Fatalf("TryLock(%q) after release = held %v, err %v; want held", name, held, err)
	}
	release2()
	if _, err := os.Stat(path + "." + name + ".lock"); err != nil {
		t.Errorf("lock file beside the database: %v", err)
	}
}

func TestTryLockBadName(t *testing.T) {
	s := openTestStore(t)
	for _, name := range []string{"", "../x", "a/b", "tele gram", strings.Repeat("x", 101)} {
		if r, _, held, err := s.TryLock(context.Background(), name); err == nil || held || r != nil {
			t.Errorf("TryLock(%q) = held %v, err %v; want an error", name, held, err)
		}
	}
}

// lockHelperEnv makes the test binary a process that holds a lock (see
// TestTryLockHelperProcess).
const lockHelperEnv = "TRIAGEBOT_TEST_LOCK_HELPER"

// TestTryLockHelperProcess is not a test: run by
// TestTryLockAcrossProcesses, it takes the lock on the database named in
// its environment, says "held" and waits to be killed.
func TestTryLockHelperProcess(t *testing.T) {
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, held, err := s.TryLock(context.Background(), "telegram-polling")
	if err != nil || !held {
		t.Fatalf("helper TryLock = held %v, err %v", held, err)
	}
	os.Stdout.WriteString("held\n")
	io.Copy(io.Discard, os.Stdin) // until killed
}

func TestTryLockAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "triagebot.db")
	s := openAt(t, path, Options{})

	cmd := exec.Command(os.Args[0], "-test.run=^TestTryLockHelperProcess$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+path)
	stdin, err := cmd.StdinPipe() // kept open: the helper waits on it
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "held\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper process said %q, %v; want held", line, err)
	}
	if _, _, held, err := s.TryLock(ctx, "telegram-polling"); err != nil || held {
		t.Errorf("TryLock while another process holds it = held %v, err %v; want not held", held, err)
	}

	// The holder dies without releasing: the kernel drops its lock.
	cmd.Process.Kill()
	cmd.Wait()
	release, _, held, err := s.TryLock(ctx, "telegram-polling")
	if err != nil || !held {
		t.Fatalf("TryLock after the holder died = held %v, err %v; want held", held, err)
	}
	release()
}
