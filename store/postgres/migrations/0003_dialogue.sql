-- 0003_dialogue: what a conversation settles about its inquiry. declined
-- lists the cues the buyer declined to give, comma-separated ('' none);
-- ready is set once every cue is known or declined and the bot handed the
-- inquiry over to sales. conversations.asked now lists every cue the last
-- reply asked, comma-separated, in the column it already had.

ALTER TABLE inquiries ADD COLUMN declined text NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN ready boolean NOT NULL DEFAULT false;
