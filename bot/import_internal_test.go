package bot

import (
	"context"
	"errors"
	"testing"
)

// oneByOne is an InquiryStore without batch import: only ImportInquiry,
// which fails at the key "stop".
type oneByOne struct {
	InquiryStore
	keys map[string]bool
}

func (s *oneByOne) ImportInquiry(ctx context.Context, in *Inquiry) (bool, error) {
	if in.ImportKey == "stop" {
		return false, errors.New("disk full")
	}
	if s.keys[in.ImportKey] {
		return false, nil
	}
	s.keys[in.ImportKey] = true
	return true, nil
}

func TestStoreImportedOneByOne(t *testing.T) {
	st := &oneByOne{keys: map[string]bool{}}
	lines := make(chan importedLine, 8)
	for i, k := range []string{"a", "b", "a", "stop", "c"} {
		lines <- importedLine{line: i + 1, in: Inquiry{ImportKey: k}}
	}
	close(lines)
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	n := storeImported(ctx, st, lines, cancel)
	if n.Imported != 2 || n.Already != 1 {
		t.Errorf("imported %d, already %d; want 2, 1 before the failure", n.Imported, n.Already)
	}
	if cause := context.Cause(ctx); cause == nil || cause.Error() != "line 4: disk full" {
		t.Errorf("cause = %v, want line 4: disk full", cause)
	}
}
