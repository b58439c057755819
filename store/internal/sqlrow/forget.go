package sqlrow

// Statements that forget a buyer, with `?` placeholders. Scrubbing the
// buyer's events stays in each backend: it rewrites JSON with each one's
// functions.
const (
	// ForgetOutbox takes the outbox subject "platform/user id".
	ForgetOutbox = `DELETE FROM outbox WHERE subject = ?`
	// ForgetLeadCards takes platform and user id.
	ForgetLeadCards = `DELETE FROM lead_cards WHERE inquiry_id IN
    (SELECT id FROM inquiries WHERE platform = ? AND user_id = ?)`
	// ForgetConversations takes platform and user id.
	ForgetConversations = `DELETE FROM conversations WHERE platform = ? AND user_id = ?`
	// ForgetInquiries takes platform and user id.
	ForgetInquiries = `DELETE FROM inquiries WHERE platform = ? AND user_id = ?`
)
