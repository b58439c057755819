package config

import (
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

type secret struct {
	env   string
	value *string
}

func (c *Config) secretList() []secret {
	s := &c.Secrets
	return []secret{
		{"SLACK_BOT_TOKEN", &s.SlackBotToken},
		{"SLACK_APP_TOKEN", &s.SlackAppToken},
		{"SLACK_SIGNING_SECRET", &s.SlackSigningSecret},
		{"TELEGRAM_BOT_TOKEN", &s.TelegramBotToken},
		{"TELEGRAM_WEBHOOK_SECRET", &s.TelegramWebhookSecret},
		{"DATABASE_URL", &s.DatabaseURL},
	}
}

// readSecrets reads each secret from NAME or from the file named by
// NAME_FILE (Docker and Kubernetes secrets), never both.
func readSecrets(s *Secrets, getenv func(string) string) []error {
	var errs []error
	c := &Config{Secrets: *s}
	for _, sec := range c.secretList() {
		val, file := getenv(sec.env), getenv(sec.env+"_FILE")
		switch {
		case val != "" && file != "":
			errs = append(errs, fmt.Errorf("%s and %s_FILE: set one, not both", sec.env, sec.env))
		case file != "":
			b, err := os.ReadFile(file)
			if err != nil {
				// The path is not secret; the content would be.
				errs = append(errs, fmt.Errorf("%s_FILE: %w", sec.env, err))
				continue
			}
			*sec.value = strings.TrimSpace(string(b))
		default:
			*sec.value = val
		}
	}
	*s = c.Secrets
	return errs
}

// applyEnv sets every TRIAGEBOT_* variable in environ on c. The name is
// the key's YAML path in upper snake case; map entries add their key
// (TRIAGEBOT_TRIAGE_RATES_EUR, TRIAGEBOT_TRIAGE_LANGUAGES_ES_LABELS_HELP).
// Lists are comma-separated. TRIAGEBOT_TEST_* is left to tests.
func applyEnv(c *Config, environ []string) []error {
	var errs []error
	sort.Strings(environ) // a stable order makes errors reproducible
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) || strings.HasPrefix(name, EnvPrefix+"TEST_") || name == EnvPrefix+"CONFIG" {
			continue
		}
		path := strings.Split(strings.ToLower(strings.TrimPrefix(name, EnvPrefix)), "_")
		found, err := setPath(reflect.ValueOf(c).Elem(), path, val)
		switch {
		case !found:
			errs = append(errs, fmt.Errorf("%s: no such config key", name))
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	return errs
}

// setPath walks v along the snake-case words of path, trying every split
// point because keys themselves contain underscores (max_body_bytes).
func setPath(v reflect.Value, path []string, val string) (bool, error) {
	if len(path) == 0 {
		return true, setScalar(v, val)
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")
			if tag[0] == "-" || !f.IsExported() {
				continue
			}
			if tag[0] == "" && len(tag) > 1 && tag[1] == "inline" {
				if ok, err := setPath(v.Field(i), path, val); ok {
					return ok, err
				}
				continue
			}
			words := strings.Split(tag[0], "_")
			if len(words) <= len(path) && strings.Join(path[:len(words)], "_") == tag[0] {
				if ok, err := setPath(v.Field(i), path[len(words):], val); ok {
					return ok, err
				}
			}
		}
		return false, nil
	case reflect.Map:
		return setMapPath(v, path, val)
	}
	return false, nil
}

func setMapPath(v reflect.Value, path []string, val string) (bool, error) {
	kt, et := v.Type().Key(), v.Type().Elem()
	if kt.Kind() != reflect.String {
		return false, nil
	}
	for n := 1; n <= len(path); n++ {
		key := matchKey(v, strings.Join(path[:n], "_"))
		rest := path[n:]
		leaf := et.Kind() != reflect.Struct && et.Kind() != reflect.Map
		if leaf != (len(rest) == 0) {
			continue
		}
		elem := reflect.New(et).Elem()
		if old := v.MapIndex(reflect.ValueOf(key).Convert(kt)); old.IsValid() {
			elem.Set(old)
		} else if et.Kind() == reflect.Map {
			elem.Set(reflect.MakeMap(et))
		}
		ok, err := setPath(elem, rest, val)
		if !ok {
			continue
		}
		if err != nil {
			return true, err
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		v.SetMapIndex(reflect.ValueOf(key).Convert(kt), elem)
		return true, nil
	}
	return false, nil
}

// matchKey finds an existing map key equal to lower case-insensitively
// (label keys such as verdict_OEM keep their case), else returns lower.
func matchKey(m reflect.Value, lower string) string {
	upper := false
	for _, k := range m.MapKeys() {
		if strings.EqualFold(k.String(), lower) {
			return k.String()
		}
		upper = upper || k.String() == strings.ToUpper(k.String())
	}
	if upper { // a map of currency codes or models
		return strings.ToUpper(lower)
	}
	return lower
}

var durationType = reflect.TypeOf(time.Duration(0))

func setScalar(v reflect.Value, s string) error {
	if v.Type() == durationType {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("not a duration (e.g. 168h, 90s): %q", s)
		}
		v.SetInt(int64(d))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("not an integer: %q", s)
		}
		v.SetInt(n)
	case reflect.Float64, reflect.Float32:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("not a number: %q", s)
		}
		v.SetFloat(f)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("not a boolean: %q", s)
		}
		v.SetBool(b)
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return fmt.Errorf("cannot be set from the environment")
		}
		var items []string
		for _, it := range strings.Split(s, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
		v.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("cannot be set from the environment")
	}
	return nil
}
