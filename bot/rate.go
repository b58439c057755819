package bot

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RatePolicy is how fast the dispatcher may send on one platform: a token
// bucket (golang.org/x/time/rate) for the whole platform, and a least
// interval between two sends to one target.
type RatePolicy struct {
	Overall      rate.Limit
	OverallBurst int
	// PerTarget maps a row's target to the key its interval is shared by,
	// and that interval; edit is set for an edit of a posted message (Slack
	// limits chat.update per workspace, chat.postMessage per channel).
	PerTarget func(target string, edit bool) (key string, every time.Duration)
	// PauseAll makes a 429 hold the whole platform for its Retry-After
	// (Slack's limits are per method and workspace); otherwise only the
	// target waits (Telegram's are mostly per chat).
	PauseAll bool
}

// TelegramRates are the Bot API's published limits: 30 messages a second
// overall (no burst above it: at most 30 in any second), one a second in a
// chat, 20 a minute in a group (a negative chat id).
func TelegramRates() RatePolicy {
	return RatePolicy{
		Overall: 30, OverallBurst: 1,
		PerTarget: func(target string, _ bool) (string, time.Duration) {
			if strings.HasPrefix(target, "-") {
				return target, 3 * time.Second // 20 a minute
			}
			return target, time.Second
		},
	}
}

// SlackRates are chat.postMessage's limit, about one message a second per
// channel, chat.update's Tier 3 (about 50 a minute
// per workspace), and an overall ceiling of 10 a second.
func SlackRates() RatePolicy {
	return RatePolicy{
		Overall: 10, OverallBurst: 2, PauseAll: true,
		PerTarget: func(target string, edit bool) (string, time.Duration) {
			if edit {
				return "chat.update", 1200 * time.Millisecond
			}
			channel, _, _ := strings.Cut(target, "/")
			return channel, time.Second
		},
	}
}

// limiter applies one platform's RatePolicy. It never sleeps: it answers
// how long a send must wait, and the dispatcher schedules the row for then.
// Safe for concurrent use.
type limiter struct {
	policy  RatePolicy
	overall *rate.Limiter
	mu      sync.Mutex
	targets map[string]*slots
	paused  map[string]time.Time // key ("" = all) -> until
	// booked holds the slots given to rows put back to wait for their
	// target, so that the rows queued for one target come back one a slot,
	// not all at every slot.
	booked map[int64]time.Time
	clock  time.Time // the latest time the bucket was asked at
}

// slots spaces the sends to one target: the last one, and the first slot
// not yet given to a waiting row.
type slots struct {
	every      time.Duration
	last, free time.Time
}

func newLimiter(p RatePolicy) *limiter {
	if p.Overall == 0 {
		p.Overall, p.OverallBurst = rate.Inf, 1
	}
	return &limiter{policy: p, overall: rate.NewLimiter(p.Overall, max(p.OverallBurst, 1)),
		targets: map[string]*slots{}, paused: map[string]time.Time{}, booked: map[int64]time.Time{}}
}

// take books one send of row id to target at now; wait > 0 means it may
// not go before now+wait. Two sends to one target are never closer than
// its interval (measured between the sends themselves), and a row that
// waits for its target keeps its place in the target's queue.
func (l *limiter) take(id int64, target string, edit bool, now time.Time) (wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key, sl := l.target(target, edit, now)
	for _, k := range []string{"", key} {
		if until, ok := l.paused[k]; ok {
			if until.After(now) {
				return until.Sub(now)
			}
			delete(l.paused, k)
		}
	}
	if sl != nil {
		at, booked := l.booked[id]
		if !booked {
			at = maxTime(now, sl.free)
		}
		at = maxTime(at, sl.last.Add(sl.every))
		if at.After(now) {
			l.booked[id] = at
			sl.free = maxTime(sl.free, at.Add(sl.every))
			return at.Sub(now)
		}
	}
	t := l.mono(now)
	if !l.overall.AllowN(t, 1) {
		return max(l.untilRoomAt(t), time.Millisecond)
	}
	delete(l.booked, id)
	if sl != nil {
		sl.last = now
		sl.free = maxTime(sl.free, now.Add(sl.every))
	}
	return 0
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// target returns the key and slots of a target. Called with mu held.
func (l *limiter) target(target string, edit bool, now time.Time) (string, *slots) {
	if l.policy.PerTarget == nil {
		return target, nil
	}
	k, every := l.policy.PerTarget(target, edit)
	sl := l.targets[k]
	if sl == nil {
		l.forgetIdle(now)
		sl = &slots{every: every}
		l.targets[k] = sl
	}
	return k, sl
}

// mono returns now, or the latest time the bucket was asked at if that is
// later: sends run concurrently, each with its own reading of the clock,
// and the bucket must not see time go backwards. Called with mu held.
func (l *limiter) mono(now time.Time) time.Time {
	if now.After(l.clock) {
		l.clock = now
	}
	return l.clock
}

// untilRoom is how long until the platform can send again (0: now).
func (l *limiter) untilRoom(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.untilRoomAt(l.mono(now))
}

// untilRoomAt is untilRoom with mu held and t from mono.
func (l *limiter) untilRoomAt(t time.Time) time.Duration {
	if l.policy.Overall == rate.Inf {
		return 0
	}
	missing := 1 - l.overall.TokensAt(t)
	if missing <= 0 {
		return 0
	}
	return time.Duration(missing / float64(l.policy.Overall) * float64(time.Second))
}

// room is how many sends the platform could make at now.
func (l *limiter) room(now time.Time) int {
	if l.policy.Overall == rate.Inf {
		return 1 << 20
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return int(l.overall.TokensAt(l.mono(now)) + 1e-9)
}

// pause holds target (or the platform, with PauseAll) until until: the
// platform asked for it (429 Retry-After).
func (l *limiter) pause(target string, until time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := ""
	if !l.policy.PauseAll {
		key = target
		if l.policy.PerTarget != nil {
			key, _ = l.policy.PerTarget(target, false)
		}
	}
	if until.After(l.paused[key]) {
		l.paused[key] = until
	}
}

// forgetIdle drops the buckets of quiet targets once there are many, so
// that memory stays bounded by the active chats. Called with mu held.
func (l *limiter) forgetIdle(now time.Time) {
	if len(l.booked) > 65536 { // rows another holder sent meanwhile
		for id, at := range l.booked {
			if now.Sub(at) > time.Minute {
				delete(l.booked, id)
			}
		}
	}
	if len(l.targets) < 8192 {
		return
	}
	for k, sl := range l.targets {
		if now.Sub(sl.free) > sl.every && now.Sub(sl.last) > sl.every {
			delete(l.targets, k)
		}
	}
}
