package sqlrow

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// InquiryInsertColumns are the columns InquiryArgs fills, in order.
const InquiryInsertColumns = `platform, chat_id, user_id, user_name, user_handle,
    texts, cues, model, confidence, warnings, language,
    status, assignee, override, override_by, import_key,
    first_message_at, created_at, updated_at, declined, ready`

// inquiryPlaceholders are the placeholders of InquiryInsertColumns.
const inquiryPlaceholders = `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`

// InquiryColumns are the columns ScanInquiry reads, in order.
const InquiryColumns = `id, ` + InquiryInsertColumns

// Statements on inquiries, with `?` placeholders (see Dialect.Bind).
const (
	// SelectInquiry takes the id.
	SelectInquiry = `SELECT ` + InquiryColumns + ` FROM inquiries WHERE id = ?`
	// InsertInquiry takes InquiryArgs and returns the new id.
	InsertInquiry = `INSERT INTO inquiries (` + InquiryInsertColumns + `)
VALUES (` + inquiryPlaceholders + `) RETURNING id`
	// ImportInquiry is InsertInquiry that returns no row when the import
	// key is stored already.
	ImportInquiry = `INSERT INTO inquiries (` + InquiryInsertColumns + `)
VALUES (` + inquiryPlaceholders + `)
ON CONFLICT (import_key) DO NOTHING RETURNING id`
	// SelectImported takes an import key and returns its inquiry's id.
	SelectImported = `SELECT id FROM inquiries WHERE import_key = ?`
	// UpdateInquiry takes InquiryArgs and then the id.
	UpdateInquiry = `UPDATE inquiries SET
    platform = ?, chat_id = ?, user_id = ?, user_name = ?, user_handle = ?,
    texts = ?, cues = ?, model = ?, confidence = ?, warnings = ?, language = ?,
    status = ?, assignee = ?, override = ?, override_by = ?, import_key = ?,
    first_message_at = ?, created_at = ?, updated_at = ?, declined = ?, ready = ?
WHERE id = ?`
	// SetAssignee takes assignee, status, updated_at and id.
	SetAssignee = `UPDATE inquiries SET assignee = ?, status = ?, updated_at = ? WHERE id = ? RETURNING ` + InquiryColumns
	// SetOverride takes override, override_by, updated_at and id.
	SetOverride = `UPDATE inquiries SET override = ?, override_by = ?, updated_at = ? WHERE id = ? RETURNING ` + InquiryColumns
)

// NormalizeInquiry stamps zero times with now, defaults the status and
// brings in's times to their stored precision, so that in equals what a
// read returns.
func NormalizeInquiry(in *bot.Inquiry, now time.Time) {
	if in.CreatedAt.IsZero() {
		in.CreatedAt = now
	}
	if in.UpdatedAt.IsZero() {
		in.UpdatedAt = now
	}
	if in.Status == "" {
		in.Status = bot.StatusOpen
	}
	for _, t := range []*time.Time{&in.FirstMessageAt, &in.CreatedAt, &in.UpdatedAt} {
		*t = DBTime(*t)
	}
}

// InquiryArgs returns in's values for InquiryInsertColumns. Lists are JSON
// text (NULL for a nil list, so nil and empty round-trip apart), an empty
// import key is NULL (the column is unique).
func (d Dialect) InquiryArgs(in *bot.Inquiry) ([]any, error) {
	texts, err := jsonList(in.Texts)
	if err != nil {
		return nil, fmt.Errorf("encode texts: %w", err)
	}
	warnings, err := jsonList(in.Warnings)
	if err != nil {
		return nil, fmt.Errorf("encode warnings: %w", err)
	}
	cues, err := json.Marshal(in.Cues)
	if err != nil {
		return nil, fmt.Errorf("encode cues: %w", err)
	}
	var importKey any
	if in.ImportKey != "" {
		importKey = in.ImportKey
	}
	return []any{
		in.Platform, in.ChatID, in.UserID, in.UserName, in.UserHandle,
		texts, string(cues), string(in.Model), in.Confidence, warnings, in.Language,
		in.Status, in.Assignee, string(in.Override), in.OverrideBy, importKey,
		d.Time(in.FirstMessageAt), d.Time(in.CreatedAt), d.Time(in.UpdatedAt),
		bot.JoinCues(in.Declined), in.Ready,
	}, nil
}

// jsonList encodes a list as JSON text, or NULL for a nil list.
func jsonList(v []string) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// ScanInquiry reads one inquiries row selected with InquiryColumns. The
// driver's no-rows error is returned as it is, for the caller to map.
func (d Dialect) ScanInquiry(row Row) (bot.Inquiry, error) {
	var (
		in                    bot.Inquiry
		texts, warnings, cues []byte
		model, override       string
		importKey             *string
		declined              string
	)
	if err := row.Scan(&in.ID, &in.Platform, &in.ChatID, &in.UserID, &in.UserName, &in.UserHandle,
		&texts, &cues, &model, &in.Confidence, &warnings, &in.Language,
		&in.Status, &in.Assignee, &override, &in.OverrideBy, &importKey,
		d.TimeDest(&in.FirstMessageAt), d.TimeDest(&in.CreatedAt), d.TimeDest(&in.UpdatedAt),
		&declined, &in.Ready); err != nil {
		return bot.Inquiry{}, err
	}
	in.FirstMessageAt, in.CreatedAt, in.UpdatedAt = in.FirstMessageAt.UTC(), in.CreatedAt.UTC(), in.UpdatedAt.UTC()
	in.Declined = bot.SplitCues(declined)
	in.Model, in.Override = triage.Model(model), triage.Model(override)
	if importKey != nil {
		in.ImportKey = *importKey
	}
	if texts != nil {
		if err := json.Unmarshal(texts, &in.Texts); err != nil {
			return bot.Inquiry{}, fmt.Errorf("decode texts: %w", err)
		}
	}
	if warnings != nil {
		if err := json.Unmarshal(warnings, &in.Warnings); err != nil {
			return bot.Inquiry{}, fmt.Errorf("decode warnings: %w", err)
		}
	}
	if err := json.Unmarshal(cues, &in.Cues); err != nil {
		return bot.Inquiry{}, fmt.Errorf("decode cues: %w", err)
	}
	return in, nil
}
