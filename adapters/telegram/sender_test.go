package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/triagebot/triagebot/bot"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		retryable string // reason; "" for final
		after     time.Duration
	}{
		{"429", &tgbot.TooManyRequestsError{Message: "too many requests", RetryAfter: 5}, "rate_limited", 5 * time.Second},
		{"network", fmt.Errorf("error do request for method sendMessage, %w", &url.Error{Op: "Post", URL: "http://x/bot***/sendMessage", Err: errors.New("connection refused")}), "network", 0},
		{"502", errors.New("error response from telegram for method sendMessage, 502 Bad Gateway"), "5xx", 0},
		{"403 blocked", fmt.Errorf("%w, Forbidden: bot was blocked by the user", tgbot.ErrorForbidden), "", 0},
		{"400", fmt.Errorf("%w, Bad Request: can't parse entities", tgbot.ErrorBadRequest), "", 0},
		{"canceled", context.Canceled, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classify(tt.err)
			var re *bot.RetryableError
			isRetry := errors.As(got, &re)
			if (tt.retryable != "") != isRetry {
				t.Fatalf("classify(%v) retryable = %v, want %v", tt.err, isRetry, tt.retryable != "")
			}
			if isRetry && (re.Reason != tt.retryable || re.After != tt.after) {
				t.Errorf("classify(%v) = reason %q after %v, want %q after %v", tt.err, re.Reason, re.After, tt.retryable, tt.after)
			}
		})
	}
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}
