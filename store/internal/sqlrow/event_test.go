package sqlrow

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triagebot/triagebot/bot"
)

func TestScanEvent(t *testing.T) {
	at := time.Date(2026, 7, 8, 9, 10, 11, 12000, time.FixedZone("UTC+7", 7*3600))
	base := bot.Event{
		Platform: "telegram", ID: "e1", Message: bot.Message{Text: "hello"}, State: bot.EventState("triaged"),
		ReceivedAt: at, UpdatedAt: at.Add(time.Second),
	}
	withReply := base
	withReply.Reply = &bot.Reply{InquiryID: 5, Language: "vi"}
	for dname, d := range dialects {
		for name, want := range map[string]bot.Event{"no reply": base, "reply": withReply} {
			t.Run(dname+"/"+name, func(t *testing.T) {
				msg, err := json.Marshal(want.Message)
				if err != nil {
					t.Fatal(err)
				}
				var reply any // NULL when there is none
				if want.Reply != nil {
					b, err := json.Marshal(want.Reply)
					if err != nil {
						t.Fatal(err)
					}
					reply = string(b)
				}
				row := argsRow{want.Platform, want.ID, string(msg), string(want.State), reply,
					d.Time(want.ReceivedAt), d.Time(want.UpdatedAt)}
				if n := len(strings.Split(EventColumns, ",")); len(row) != n {
					t.Fatalf("%d values for %d columns", len(row), n)
				}
				got, err := d.ScanEvent(row)
				if err != nil {
					t.Fatal(err)
				}
				want.ReceivedAt, want.UpdatedAt = want.ReceivedAt.UTC(), want.UpdatedAt.UTC()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("ScanEvent:\n got %+v\nwant %+v", got, want)
				}
			})
		}
	}
}
