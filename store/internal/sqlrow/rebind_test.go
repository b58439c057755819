package sqlrow

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestDollar(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"none", "SELECT 1", "SELECT 1"},
		{"one", "SELECT a FROM t WHERE id = ?", "SELECT a FROM t WHERE id = $1"},
		{"past nine", "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"},
		{"adjacent", "(?,?)", "($1,$2)"},
		{"in a literal", "SELECT '?', ? WHERE a = 'it''s ?'", "SELECT '?', $1 WHERE a = 'it''s ?'"},
		{"in an identifier", `SELECT "a?b" FROM t WHERE x = ?`, `SELECT "a?b" FROM t WHERE x = $1`},
		{"in a comment", "SELECT ? -- why ?\nFROM t WHERE y = ?", "SELECT $1 -- why ?\nFROM t WHERE y = $2"},
		{"comment at the end", "SELECT ? -- last ?", "SELECT $1 -- last ?"},
		{"a lone minus", "SELECT ? - ?", "SELECT $1 - $2"},
		{"unclosed literal", "SELECT 'a ?", "SELECT 'a ?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Dollar(tt.in); got != tt.want {
				t.Errorf("Dollar(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestDollarShared checks that every shared statement rebinds to as many
// parameters as it has `?`, numbered without gaps.
func TestDollarShared(t *testing.T) {
	for name, tt := range map[string]struct {
		q string
		n int
	}{
		"SelectInquiry":       {SelectInquiry, 1},
		"InsertInquiry":       {InsertInquiry, 21},
		"ImportInquiry":       {ImportInquiry, 21},
		"SelectImported":      {SelectImported, 1},
		"UpdateInquiry":       {UpdateInquiry, 22},
		"SetAssignee":         {SetAssignee, 4},
		"SetOverride":         {SetOverride, 4},
		"SelectConversation":  {SelectConversation, 3},
		"SaveConversation":    {SaveConversation, 7},
		"SelectLeadCard":      {SelectLeadCard, 1},
		"SaveLeadCard":        {SaveLeadCard, 4},
		"SelectOutgoing":      {SelectOutgoing, 1},
		"DueOutgoingLocked":   {SelectDueOutgoing + ForUpdateSkipLocked, 3},
		"ClaimOutgoing":       {ClaimOutgoing, 5},
		"OutboxStats":         {OutboxStats, 0},
		"SaveSentCard":        {SaveSentCard, 5},
		"SelectEvent":         {SelectEvent, 2},
		"PendingLocked":       {SelectPendingEvents + ForUpdateSkipLocked, 3},
		"DueLocked":           {SelectDueEvents + ForUpdateSkipLocked, 3},
		"MarkDelivered":       {MarkDelivered, 3},
		"MarkTriaged":         {MarkTriaged, 4},
		"CountInquiries":      {CountInquiries, 2},
		"ClaimDigest":         {ClaimDigest, 5},
		"ReleaseDigest":       {ReleaseDigest, 3},
		"MarkDigestPosted":    {MarkDigestPosted, 6},
		"ForgetOutbox":        {ForgetOutbox, 1},
		"ForgetLeadCards":     {ForgetLeadCards, 2},
		"ForgetConversations": {ForgetConversations, 2},
		"ForgetInquiries":     {ForgetInquiries, 2},
	} {
		got := Dollar(tt.q)
		params := regexp.MustCompile(`\$[0-9]+`).FindAllString(got, -1)
		if strings.Contains(got, "?") || len(params) != tt.n {
			t.Errorf("%s: rebinds to %q, want %d parameters and no ?", name, got, tt.n)
			continue
		}
		for i, p := range params {
			if want := "$" + strconv.Itoa(i+1); p != want {
				t.Errorf("%s: parameter #%d is %s, want %s", name, i+1, p, want)
			}
		}
	}
}
