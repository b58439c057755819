package sqlrow

import (
	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// Statements on the digest's periods and counts, with `?` placeholders.
// The statistics themselves stay in each backend: SQLite reads indexed
// virtual columns, PostgreSQL the cues JSON with FILTER and
// percentile_cont.
const (
	// CountInquiries takes the period's from and to.
	CountInquiries = `SELECT count(*) FROM inquiries WHERE created_at >= ? AND created_at < ?`
	// ClaimDigest takes period, destination, claimed_at, claimed_by and
	// the stale cut-off; it changes a row only when the claim is won.
	ClaimDigest = `INSERT INTO digest_periods (period, destination, claimed_at, claimed_by)
VALUES (?, ?, ?, ?)
ON CONFLICT (period, destination) DO UPDATE SET claimed_at = excluded.claimed_at, claimed_by = excluded.claimed_by
WHERE digest_periods.posted_at IS NULL AND digest_periods.claimed_at < ?`
	// ReleaseDigest takes period, destination and claimed_by.
	ReleaseDigest = `DELETE FROM digest_periods
WHERE period = ? AND destination = ? AND claimed_by = ? AND posted_at IS NULL`
	// MarkDigestPosted takes period, destination, claimed_at, posted_at,
	// late and claimed_by.
	MarkDigestPosted = `INSERT INTO digest_periods (period, destination, claimed_at, posted_at, late, claimed_by)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (period, destination) DO UPDATE SET posted_at = excluded.posted_at, late = excluded.late,
    claimed_by = excluded.claimed_by`
)

// NewDigestStats returns empty statistics with every map made, for
// AddDigestRow to fill.
func NewDigestStats() bot.DigestStats {
	st := bot.DigestStats{
		ByModel: map[triage.Model]int64{}, ByChannel: map[string]int64{},
		UnitsByModel: map[triage.Model]int64{}, USDByModel: map[triage.Model]float64{},
		Missing: map[triage.Cue]int64{}, ByDay: make([]map[triage.Model]int64, 7),
	}
	for i := range st.ByDay {
		st.ByDay[i] = map[triage.Model]int64{}
	}
	return st
}

// AddDigestRow adds one row of a backend's statistics query to st. The row
// is grouped by day, model and platform and holds, in order: the day
// index (0 to 6), model, platform, count, units, USD, claimed, overridden,
// changed, and the counts missing ownership, quantity, budget and lead
// time.
func AddDigestRow(row Row, st *bot.DigestStats) error {
	var (
		day                                    int
		model, channel                         string
		n, units, claimed, overridden, changed int64
		usd                                    float64
		noOwner, noQty, noBudget, noLead       int64
	)
	if err := row.Scan(&day, &model, &channel, &n, &units, &usd, &claimed, &overridden, &changed,
		&noOwner, &noQty, &noBudget, &noLead); err != nil {
		return err
	}
	m := DigestModel(model)
	st.Total += n
	st.ByModel[m] += n
	st.ByChannel[channel] += n
	st.UnitsByModel[m] += units
	st.USDByModel[m] += usd
	st.Claimed += claimed
	st.Overridden += overridden
	st.Changed += changed
	st.Missing[triage.CueOwnership] += noOwner
	st.Missing[triage.CueQuantity] += noQty
	st.Missing[triage.CueBudget] += noBudget
	st.Missing[triage.CueLeadTime] += noLead
	st.ByDay[min(max(day, 0), 6)][m] += n
	return nil
}

// ScanLead reads one top lead: id, user_name, user_handle, user_id,
// platform, model, override, assignee, units and USD.
func ScanLead(row Row) (bot.Lead, error) {
	var (
		l                    bot.Lead
		name, handle, userID string
		model, override      string
	)
	if err := row.Scan(&l.InquiryID, &name, &handle, &userID, &l.Channel, &model, &override, &l.Assignee, &l.Units, &l.USD); err != nil {
		return bot.Lead{}, err
	}
	l.Buyer = BuyerName(name, handle, userID)
	l.Model = DigestModel(model)
	l.Override = triage.Model(override)
	return l, nil
}

// DigestModel maps a stored model to one of the four ("" is UNKNOWN).
func DigestModel(s string) triage.Model {
	m := triage.Model(s)
	if m == triage.OEM || m == triage.ODM || m == triage.CM {
		return m
	}
	return triage.Unknown
}

// BuyerName is how a digest names a buyer: display name, else @handle,
// else the platform's user id.
func BuyerName(name, handle, userID string) string {
	switch {
	case name != "":
		return name
	case handle != "":
		return "@" + handle
	}
	return userID
}
