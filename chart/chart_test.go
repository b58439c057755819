package chart_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/chart"
	"github.com/triagebot/triagebot/store/storetest"
)

var keep = flag.String("keep", "", "write the rendered charts into this folder to look at them")

func TestRender(t *testing.T) {
	full := storetest.SampleDigest()
	busy := storetest.SampleDigest()
	for i := range busy.Days {
		for m := range busy.Days[i].ByModel {
			busy.Days[i].ByModel[m] = int64(37 * (i + 1))
		}
	}
	empty := bot.Digest{Week: full.Week, From: full.From, To: full.To, Zone: full.Zone}
	for _, day := range full.Days {
		empty.Days = append(empty.Days, bot.DayCount{Date: day.Date})
	}
	tests := []struct {
		name string
		d    bot.Digest
	}{
		{"full", full},
		{"busy", busy},
		{"empty", empty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := chart.Render(tt.d)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if *keep != "" {
				os.WriteFile(filepath.Join(*keep, tt.name+".png"), b, 0o644)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || format != "png" {
				t.Fatalf("Render gave %d bytes that are not a PNG: %v (format %q)", len(b), err, format)
			}
			if cfg.Width != 960 || cfg.Height != 540 {
				t.Errorf("PNG is %d×%d, want 960×540", cfg.Width, cfg.Height)
			}
			// A drawn chart compresses to tens of kilobytes; far less means
			// nothing was drawn, far more that something is wrong.
			if len(b) < 5_000 || len(b) > 500_000 {
				t.Errorf("PNG of %d bytes, want 5 kB to 500 kB", len(b))
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if r, g, bl, _ := img.At(2, 2).RGBA(); r != 0xffff || g != 0xffff || bl != 0xffff {
				t.Errorf("corner pixel is %x %x %x, want an opaque white background", r, g, bl)
			}
		})
	}
	if _, err := chart.Render(bot.Digest{Week: "2026-W47"}); err == nil {
		t.Errorf("Render of a digest without days: no error")
	}
}

// TestRenderShowsLastWeek: the week panel draws last week's total, so a
// different previous total gives a different picture.
func TestRenderShowsLastWeek(t *testing.T) {
	d := storetest.SampleDigest()
	d.PreviousTotal = 0
	a, err := chart.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	d.PreviousTotal = d.Total
	b, err := chart.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, b) {
		t.Error("the chart does not change with last week's total")
	}
}
