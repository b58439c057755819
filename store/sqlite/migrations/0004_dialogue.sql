-- 0004_dialogue: what a conversation settles about its inquiry. declined
-- lists the cues the buyer declined to give, comma-separated ('' none);
-- ready is 1 once every cue is known or declined and the bot handed the
-- inquiry over to sales. conversations.asked now lists every cue the last
-- reply asked, comma-separated, in the column it already had.

ALTER TABLE inquiries ADD COLUMN declined TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN ready INTEGER NOT NULL DEFAULT 0 CHECK (ready IN (0, 1));
