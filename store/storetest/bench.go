package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

// BenchRecordEvent measures recording one fresh event, as every incoming
// delivery does before it is acknowledged.
func BenchRecordEvent(b *testing.B, s bot.Store) {
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		e := event(bot.PlatformTelegram, fmt.Sprintf("bench-%d", i), base)
		if _, err := s.RecordEvent(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchRecordEventParallel measures RecordEvent from GOMAXPROCS goroutines
// (b.SetParallelism multiplies them), as concurrent webhooks do.
func BenchRecordEventParallel(b *testing.B, s bot.Store) {
	ctx := context.Background()
	var n atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e := event(bot.PlatformTelegram, fmt.Sprintf("bench-%d", n.Add(1)), base)
			if _, err := s.RecordEvent(ctx, e); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchSaveInquiry measures inserting one inquiry with every field set in
// its own transaction.
func BenchSaveInquiry(b *testing.B, s bot.Store) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		in := inquiry()
		if err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error { return tx.SaveInquiry(ctx, &in) }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchTurnParallel measures the core's whole transaction for one buyer
// message (lock and read the conversation, read and update the inquiry,
// save the conversation, store the reply), from concurrent goroutines each
// on its own conversation.
func BenchTurnParallel(b *testing.B, s bot.Store) {
	ctx := context.Background()
	var chats atomic.Int64
	reply := fullReply()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		chat := chats.Add(1)
		key := bot.ConversationKey{Platform: bot.PlatformTelegram, ChatID: fmt.Sprint(chat), UserID: "u"}
		for i := 0; pb.Next(); i++ {
			id := fmt.Sprintf("turn-%d-%d", chat, i)
			if _, err := s.RecordEvent(ctx, event(bot.PlatformTelegram, id, base)); err != nil {
				b.Error(err)
				return
			}
			err := s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
				conv, err := tx.Conversation(ctx, key)
				if err != nil && !isNotFound(err) {
					return err
				}
				conv.ConversationKey = key
				in := inquiry()
				if conv.InquiryID != 0 {
					if in, err = tx.Inquiry(ctx, conv.InquiryID); err != nil {
						return err
					}
					// Keep the row size steady: a real inquiry has a few texts.
					in.Texts = append(in.Texts[:min(len(in.Texts), 3)], "another text")
				}
				in.UpdatedAt = base.Add(time.Duration(i) * time.Second)
				if err := tx.SaveInquiry(ctx, &in); err != nil {
					return err
				}
				conv.InquiryID, conv.UpdatedAt = in.ID, in.UpdatedAt
				if err := tx.SaveConversation(ctx, conv); err != nil {
					return err
				}
				return tx.MarkTriaged(ctx, bot.PlatformTelegram, id, reply, in.UpdatedAt)
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// isNotFound reports whether err wraps bot.ErrNotFound.
func isNotFound(err error) bool { return errors.Is(err, bot.ErrNotFound) }

// BenchContended measures latency under heavy write contention: each
// iteration is a burst of 32 goroutines doing 20 writes each (alternately
// RecordEvent and an InTx that inserts an inquiry). Besides ns/op (one
// burst) it reports the p50, p99 and maximum latency of a single write.
func BenchContended(b *testing.B, s bot.Store) {
	const workers, each = 32, 20
	ctx := context.Background()
	var (
		lats []time.Duration
		mu   sync.Mutex
		n    atomic.Int64
	)
	for b.Loop() {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				local := make([]time.Duration, 0, each)
				for i := range each {
					start := time.Now()
					var err error
					if i%2 == 0 {
						_, err = s.RecordEvent(ctx, event(bot.PlatformSlack, fmt.Sprintf("burst-%d", n.Add(1)), base))
					} else {
						err = s.InTx(ctx, func(ctx context.Context, tx bot.Tx) error {
							in := inquiry()
							return tx.SaveInquiry(ctx, &in)
						})
					}
					if err != nil {
						b.Error(err)
						return
					}
					local = append(local, time.Since(start))
				}
				mu.Lock()
				lats = append(lats, local...)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	if len(lats) == 0 {
		return
	}
	slices.Sort(lats)
	b.ReportMetric(float64(lats[len(lats)/2].Microseconds()), "p50-µs/write")
	b.ReportMetric(float64(lats[len(lats)*99/100].Microseconds()), "p99-µs/write")
	b.ReportMetric(float64(lats[len(lats)-1].Microseconds()), "max-µs/write")
}
