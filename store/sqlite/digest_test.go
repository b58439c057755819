package sqlite

import (
	"testing"

	"github.com/triagebot/triagebot/store/storetest"
)

func TestDigestContract(t *testing.T) {
	storetest.RunDigest(t, func(t *testing.T) storetest.DigestBackend { return openTestStore(t) })
}
