package triage

// Rules is everything a supplier can tune: the seed's bands, the USD rates,
// the vote weights and the texts in each language. DefaultRules holds the
// built-in ones; Check judges a changed set.
type Rules struct {
	Bands   Bands              `yaml:"bands" json:"bands"`
	Rates   map[string]float64 `yaml:"rates" json:"rates"`
	Weights Weights            `yaml:"weights" json:"weights"`
	// DefaultLanguage is used when a text gives no clue of its language.
	DefaultLanguage string              `yaml:"default_language" json:"default_language"`
	Languages       map[string]Language `yaml:"languages" json:"languages"`
}

// Band holds the seed's figures for one model.
type Band struct {
	MOQMin       int64   `yaml:"moq_min" json:"moq_min"`
	MOQMax       int64   `yaml:"moq_max" json:"moq_max"` // 0: no upper figure
	InvestMinUSD float64 `yaml:"invest_min_usd" json:"invest_min_usd"`
	InvestMaxUSD float64 `yaml:"invest_max_usd" json:"invest_max_usd"` // 0: no upper figure
	LeadMinDays  int64   `yaml:"lead_min_days" json:"lead_min_days"`
	LeadMaxDays  int64   `yaml:"lead_max_days" json:"lead_max_days"`
	QCMinUSD     float64 `yaml:"qc_min_usd" json:"qc_min_usd"`
	QCMaxUSD     float64 `yaml:"qc_max_usd" json:"qc_max_usd"`
}

// Bands holds the figures of the three models.
type Bands struct {
	ODM Band `yaml:"odm" json:"odm"`
	OEM Band `yaml:"oem" json:"oem"`
	CM  Band `yaml:"cm" json:"cm"`
}

// Weights are the votes of each cue when ownership is unknown.
type Weights struct {
	Quantity int `yaml:"quantity" json:"quantity"`
	Budget   int `yaml:"budget" json:"budget"`
	LeadTime int `yaml:"lead_time" json:"lead_time"`
}

// Language holds the canned texts of one reply language. Templates use Go
// text/template syntax; the engine parses them once, in New.
type Language struct {
	Name string `yaml:"name" json:"name"`
	// Explanations is keyed by model (OEM, ODM, CM, UNKNOWN).
	Explanations map[Model]string `yaml:"explanations" json:"explanations"`
	// Suggested is the explanation when the buyer has not said who owns
	// the design: the model ({{.Model}}) is only suggested from the
	// volume, budget or lead time given, and nothing is claimed about the
	// design.
	Suggested string `yaml:"suggested" json:"suggested"`
	// Questions is keyed by cue.
	Questions map[Cue]QuestionText `yaml:"questions" json:"questions"`
	// Warnings is keyed by warning code, e.g. qty_below_oem_moq.
	Warnings map[string]string `yaml:"warnings" json:"warnings"`
	// Labels are the short interface strings the bot and adapters show.
	// Keys: verdict_OEM, verdict_ODM, verdict_CM, verdict_UNKNOWN (the first
	// line of a reply), quantity, budget, ownership, lead_time, supply_chain,
	// owner_buyer, owner_factory, yes, no, unknown, days, units, greeting,
	// help, new_inquiry, empty, truncated, not_text; suggested (after the
	// model in the first line when ownership is unknown), handover (the
	// line that hands the inquiry to sales), handover_more (a message
	// after it), price_answer (to a price question), declined (a cue the
	// buyer declined).
	Labels map[string]string `yaml:"labels" json:"labels"`
}

// QuestionText is a follow-up question and its suggested answers.
type QuestionText struct {
	Text    string   `yaml:"text" json:"text"`
	Answers []string `yaml:"answers" json:"answers"`
}
