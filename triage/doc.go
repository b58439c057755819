// Package triage reads buyer inquiries and decides between OEM, ODM and CM
// manufacturing as shared/TRIAGE.md specifies.
//
// The package is pure: values in, values out. It does no I/O, reads no clock
// (the message time is passed in) and keeps no mutable package state, so an
// Engine is safe for concurrent use once built.
//
// # Word tables
//
// Every word the readers match lives in a per-language data file,
// lexicon/<lang>.txt (en es pt fr de it zh id ms vi th) or lexicon/common.txt
// for language-neutral marks, embedded in the binary (lexicon_load.go). New
// parses them once, folds their entries the way text is folded (below) and
// merges the languages into the engine's tables; a malformed line, an entry
// written twice or a section no table builder takes makes New fail. Some
// tables are still Go literals in lexicon.go while they move to the files.
//
// # Passes
//
// Engine.ReadIn reads one message in this order; each pass leaves the next
// one a simpler text or richer tokens, never the raw message.
//
//  1. Bound (capText): at most 32 KiB of the message is read, so the work
//     per message is bounded whatever arrives.
//  2. Language (language.go) is detected on the raw text. A Vietnamese
//     message typed without diacritics is handed whole to a second set of
//     tables in which every entry is folded to its diacritic-free key
//     (normalize_vi.go); the passes below are the same there.
//  3. Normalise (normalize.go, normalize_fold.go): Unicode NFKC and width
//     folding, lower case, one form for spaces, dashes, quotes and CJK
//     punctuation, invalid UTF-8 replaced, traditional Chinese characters
//     folded to simplified ([normalize.traditional]). Leaves one spelling
//     per word, with the line breaks of the message.
//  4. Segment (segment*.go): every line gets a role — own, forwarded,
//     quoted, header, signature — from named line classifiers (quote
//     marks, reply headers, forward and original-message markers,
//     separators, mail headers, sign-offs, footers, postscripts) and a
//     small state machine, then a trailing footer paragraph is found walking
//     back. Leaves two texts: the buyer's own (own lines, then forwarded
//     lines, a line break kept for each dropped line) and the factory's
//     quoted text (quoted lines and 「…」 quotes), read apart in pass 10.
//  5. Chat words (normalize_fold.go): in the buyer's own text, each
//     abbreviation of the message's language, or written in every language
//     ([normalize.chat]: pls, tdk, bln, kira2, ko, đc …), becomes its
//     standard form and elongated words fold ("pleaseee" → "please").
//  6. Tokenize (tokens.go): numbers, words, single CJK ideographs, Thai
//     words cut by longest match, symbols; each token knows whether a blank
//     or a line break stands before it.
//  7. Corrections (segment_correct.go): the tokens after a correction cue
//     ([segment.corrections]: "make that", "koreksi", "改成") are flagged to
//     the end of their sentence, and the words naming what they correct are
//     recorded.
//  8. Numbers (read.go, numbers.go, traps.go, quantity*.go, budget*.go,
//     currency*.go, leadtime*.go): dates and durations first (lead-time
//     candidates), then traps (dimensions, codes, phones, percentages …
//     marked so that no later reader takes them), then each remaining number
//     is classified as a quantity, an amount of money or nothing. Leaves
//     candidate lists, each candidate with its token position.
//  9. Context and corrections: a bare short answer is read against the cues
//     the conversation just asked (readBare); each flagged quantity then
//     replaces the one it corrects (applyCorrections).
//  10. Quoted text (segment_quoted.go): the factory's text is read by the
//     same number readers in a scan of its own; an amount the buyer repeats
//     from it is marked as the factory's price (no budget), and a product
//     code it names lets an order on that quote take the factory's model.
//     Its quantities and dates give no cue.
//  11. Cues (ownership*.go): ownership and supply-chain
//     phrases are matched on the tokens and weighed.
//  12. Pick (quantity_pick.go, engine.go): the candidate lists become one
//     quantity (line items added, samples only when alone), one budget (a
//     stated total, else unit price × quantity) and one lead time.
//
// Engine.Decide (decide.go) then turns the cues into a model, a confidence,
// warnings and follow-up questions.
package triage
