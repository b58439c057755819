package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ForgetResult counts what forgetting a buyer removed or scrubbed.
type ForgetResult struct {
	Inquiries     int `json:"inquiries"`
	Conversations int `json:"conversations"`
	Events        int `json:"events"`
}

// BuyerEraser is the optional store capability behind Core.Forget. Both
// store backends implement it; it is not part of Store, so a Store without
// it still runs the bot.
type BuyerEraser interface {
	// ForgetBuyer removes, in one transaction, everything stored about the
	// user userID of platform: their inquiries with their lead card rows,
	// and their conversations. Their recorded events are kept, so that a
	// late redelivery is still a duplicate, but scrubbed: the message keeps
	// only its platform, event id, chat id and user id, the stored reply is
	// dropped, and an event not yet delivered is marked delivered so it is
	// never answered. Forgetting a user with nothing stored (or forgetting
	// twice) returns zero counts.
	ForgetBuyer(ctx context.Context, platform, userID string) (ForgetResult, error)
}

// ErrForgetUnsupported is returned by Core.Forget when the store cannot
// forget a buyer.
var ErrForgetUnsupported = errors.New("bot: the store cannot forget a buyer")

// Forget erases the buyer userID of platform from the store (see
// BuyerEraser) and returns the counts. Lead cards already posted to the
// sales channel, and messages on the platform itself, are not touched. The
// action is logged with the platform and user id only.
func (c *Core) Forget(ctx context.Context, platform, userID string) (ForgetResult, error) {
	platform, userID = strings.TrimSpace(platform), strings.TrimSpace(userID)
	if platform == "" || userID == "" {
		return ForgetResult{}, errors.New("bot: forget needs a platform and a user id")
	}
	eraser, ok := c.store.(BuyerEraser)
	if !ok {
		return ForgetResult{}, ErrForgetUnsupported
	}
	res, err := eraser.ForgetBuyer(ctx, platform, userID)
	if err != nil {
		c.metrics.Error("store")
		return ForgetResult{}, fmt.Errorf("forget %s user: %w", platform, err)
	}
	c.log.Info("buyer forgotten", "platform", platform, "user", userID)
	return res, nil
}
