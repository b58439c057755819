package postgres

import (
	"testing"

	"github.com/triagebot/triagebot/store/storetest"
)

// TestDigestContract runs the digest suite, including several schedulers
// racing for one week, against the PostgreSQL test server.
func TestDigestContract(t *testing.T) {
	storetest.RunDigest(t, func(t *testing.T) storetest.DigestBackend { return openTestStore(t) })
}
