package postgres

import (
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/store/storetest"
)

func TestForgetContract(t *testing.T) {
	storetest.RunForget(t, func(t *testing.T) bot.Store { return openTestStore(t) })
}
