package bot

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RatePolicy is how fast the dispatcher may send on one platform: a token
// bucket for the whole platform and one per target.
type RatePolicy struct {
	Overall      rate.Limit
	OverallBurst int
	// PerTarget maps a row's target to the key its bucket is shared by and
	// that bucket's rate.
	PerTarget func(target string) (key string, lim rate.Limit, burst int)
	// PauseAll makes a 429 hold the whole platform for its Retry-After
	// (Slack's limits are per method and workspace); otherwise only the
	// target waits (Telegram's are mostly per chat).
	PauseAll bool
}

// TelegramRates are the Bot API's published limits: 30 messages a second
// overall, one a second in a chat, 20 a minute in a group (a negative
// chat id).
func TelegramRates() RatePolicy {
	return RatePolicy{
		Overall: 30, OverallBurst: 30,
		PerTarget: func(target string) (string, rate.Limit, int) {
			if strings.HasPrefix(target, "-") {
				return target, rate.Every(3 * time.Second), 3 // 20 a minute
			}
			return target, 1, 1
		},
	}
}

// SlackRates is chat.postMessage's limit: about one message a second per
// channel (a short burst allowed), and a generous overall ceiling.
func SlackRates() RatePolicy {
	return RatePolicy{
		Overall: 20, OverallBurst: 20, PauseAll: true,
		PerTarget: func(target string) (string, rate.Limit, int) {
			channel, _, _ := strings.Cut(target, "/")
			return channel, 1, 2
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
	targets map[string]*rate.Limiter
	paused  map[string]time.Time // key ("" = all) -> until
}

func newLimiter(p RatePolicy) *limiter {
	if p.Overall == 0 {
		p.Overall, p.OverallBurst = rate.Inf, 1
	}
	return &limiter{policy: p, overall: rate.NewLimiter(p.Overall, max(p.OverallBurst, 1)),
		targets: map[string]*rate.Limiter{}, paused: map[string]time.Time{}}
}

// take books one send to target at now; wait > 0 means it may not go
// before now+wait, and nothing was booked.
func (l *limiter) take(target string, now time.Time) (wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := target
	var tl *rate.Limiter
	if l.policy.PerTarget != nil {
		k, lim, burst := l.policy.PerTarget(target)
		key = k
		if tl = l.targets[k]; tl == nil {
			l.forgetIdle(now)
			tl = rate.NewLimiter(lim, max(burst, 1))
			l.targets[k] = tl
		}
	}
	for _, k := range []string{"", key} {
		if until, ok := l.paused[k]; ok {
			if until.After(now) {
				return until.Sub(now)
			}
			delete(l.paused, k)
		}
	}
	var rt *rate.Reservation
	if tl != nil {
		rt = tl.ReserveN(now, 1)
		if d := rt.DelayFrom(now); d > 0 {
			rt.CancelAt(now)
			return d
		}
	}
	ro := l.overall.ReserveN(now, 1)
	if d := ro.DelayFrom(now); d > 0 {
		ro.CancelAt(now)
		if rt != nil {
			rt.CancelAt(now)
		}
		return d
	}
	return 0
}

// room is how many sends the platform could make at now.
func (l *limiter) room(now time.Time) int {
	if l.policy.Overall == rate.Inf {
		return 1 << 20
	}
	return int(l.overall.TokensAt(now))
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
			key, _, _ = l.policy.PerTarget(target)
		}
	}
	if until.After(l.paused[key]) {
		l.paused[key] = until
	}
}

// forgetIdle drops the buckets of quiet targets once there are many, so
// that memory stays bounded by the active chats. Called with mu held.
func (l *limiter) forgetIdle(now time.Time) {
	if len(l.targets) < 8192 {
		return
	}
	for k, tl := range l.targets {
		if tl.TokensAt(now) >= float64(tl.Burst()) {
			delete(l.targets, k)
		}
	}
}
