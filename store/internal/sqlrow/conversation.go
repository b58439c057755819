package sqlrow

// Statements on conversations and lead cards, with `?` placeholders.
const (
	// SelectConversation takes platform, chat_id and user_id and returns
	// inquiry_id, language, asked and updated_at.
	SelectConversation = `SELECT inquiry_id, language, asked, updated_at FROM conversations
WHERE platform = ? AND chat_id = ? AND user_id = ?`
	// SaveConversation takes the seven columns it names.
	SaveConversation = `INSERT INTO conversations (platform, chat_id, user_id, inquiry_id, language, asked, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (platform, chat_id, user_id) DO UPDATE SET
    inquiry_id = excluded.inquiry_id, language = excluded.language,
    asked = excluded.asked, updated_at = excluded.updated_at`
	// SelectLeadCard takes an inquiry id and returns channel and message_id.
	SelectLeadCard = `SELECT channel, message_id FROM lead_cards WHERE inquiry_id = ?`
	// SaveLeadCard takes inquiry_id, channel, message_id and updated_at.
	SaveLeadCard = `INSERT INTO lead_cards (inquiry_id, channel, message_id, updated_at)
VALUES (?, ?, ?, ?)
ON CONFLICT (inquiry_id) DO UPDATE SET channel = excluded.channel, message_id = excluded.message_id,
    updated_at = excluded.updated_at`
)
