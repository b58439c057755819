package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/triagebot/triagebot/store/storetest"
)

// openBenchStore opens a migrated store in a fresh temporary folder.
func openBenchStore(b *testing.B) *Store {
	return openAt(b, filepath.Join(b.TempDir(), "bench.db"), Options{})
}

func BenchmarkRecordEvent(b *testing.B) { storetest.BenchRecordEvent(b, openBenchStore(b)) }

func BenchmarkRecordEventParallel(b *testing.B) {
	storetest.BenchRecordEventParallel(b, openBenchStore(b))
}

func BenchmarkSaveInquiry(b *testing.B) { storetest.BenchSaveInquiry(b, openBenchStore(b)) }

func BenchmarkTurnParallel(b *testing.B) { storetest.BenchTurnParallel(b, openBenchStore(b)) }

func BenchmarkContended(b *testing.B) { storetest.BenchContended(b, openBenchStore(b)) }
