package config

// Triage is the triage section: the message size limit the bot applies,
// and the engine's settings. Its defaults are the engine's own, layered in
// by the caller of Load (main passes triage.DefaultsYAML); main maps the
// section onto the engine's rules, and the engine judges them.
type Triage struct {
	// MaxMessageBytes cuts longer messages (the reply says so).
	MaxMessageBytes int                 `yaml:"max_message_bytes"`
	Bands           Bands               `yaml:"bands"`
	Rates           map[string]float64  `yaml:"rates"`
	Weights         Weights             `yaml:"weights"`
	DefaultLanguage string              `yaml:"default_language"`
	Languages       map[string]Language `yaml:"languages"`
}

// Bands holds the seed's figures of the three models.
type Bands struct {
	ODM Band `yaml:"odm"`
	OEM Band `yaml:"oem"`
	CM  Band `yaml:"cm"`
}

// Band holds the seed's figures of one model; a zero maximum means no
// upper figure.
type Band struct {
	MOQMin       int64   `yaml:"moq_min"`
	MOQMax       int64   `yaml:"moq_max"`
	InvestMinUSD float64 `yaml:"invest_min_usd"`
	InvestMaxUSD float64 `yaml:"invest_max_usd"`
	LeadMinDays  int64   `yaml:"lead_min_days"`
	LeadMaxDays  int64   `yaml:"lead_max_days"`
	QCMinUSD     float64 `yaml:"qc_min_usd"`
	QCMaxUSD     float64 `yaml:"qc_max_usd"`
}

// Weights are the votes of each cue when ownership is unknown.
type Weights struct {
	Quantity int `yaml:"quantity"`
	Budget   int `yaml:"budget"`
	LeadTime int `yaml:"lead_time"`
}

// Language holds the texts of one reply language (docs/languages.md).
type Language struct {
	Name string `yaml:"name"`
	// Explanations is keyed by model: OEM, ODM, CM, UNKNOWN.
	Explanations map[string]string `yaml:"explanations"`
	// Suggested is the explanation when the buyer has not said who owns
	// the design: the model is only suggested.
	Suggested string `yaml:"suggested"`
	// Questions is keyed by cue: ownership, quantity, budget, lead_time.
	Questions map[string]Question `yaml:"questions"`
	Warnings  map[string]string   `yaml:"warnings"`
	Labels    map[string]string   `yaml:"labels"`
}

// Question is a follow-up question and its suggested answers.
type Question struct {
	Text    string   `yaml:"text"`
	Answers []string `yaml:"answers"`
}
