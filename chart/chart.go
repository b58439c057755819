// Package chart draws the weekly digest's chart as a PNG made with
// gonum.org/v1/plot: inquiries per day of the week, stacked by model, and
// beside them the week's total against last week's. It has no state;
// Render is safe for concurrent use.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/triagebot/triagebot/bot"
	"github.com/triagebot/triagebot/triage"
)

// Size of the image: 8 × 4.5 inches at 120 dots per inch, 960 × 540 pixels,
// which Slack and Telegram show without scaling artefacts.
const (
	width  = 8 * vg.Inch
	height = 4.5 * vg.Inch
	dpi    = 120
)

// modelColor gives each model a colour that stays apart for the colour
// blind (the Okabe–Ito palette).
func modelColor(m triage.Model) color.Color {
	switch m {
	case triage.OEM:
		return color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}
	case triage.ODM:
		return color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF}
	case triage.CM:
		return color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF}
	}
	return color.RGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xFF}
}

// weekShare is the part of the image the per-day plot takes; the week's
// totals take the rest.
const weekShare = 0.74

// lastWeekColor is the bar of last week's total: a neutral grey, since
// the digest has last week's total only, not its models.
var lastWeekColor = color.RGBA{R: 0xBB, G: 0xBB, B: 0xBB, A: 0xFF}

// Render draws d's inquiries per day, stacked by model, with the week's
// total beside last week's, and returns the PNG. An empty week gives an
// empty chart that says so in its title.
func Render(d bot.Digest) ([]byte, error) {
	days, err := dayPlot(d)
	if err != nil {
		return nil, err
	}
	week, err := weekPlot(d)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	// plot.New's white background fills each part: a transparent PNG
	// turns black in some viewers.
	split := vg.Length(weekShare) * width
	days.Draw(draw.Crop(dc, 0, split-width, 0, 0))
	week.Draw(draw.Crop(dc, split, 0, 0, 0))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// dayPlot draws the inquiries of each day, stacked by model.
func dayPlot(d bot.Digest) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Inquiries by model, %s", d.Week)
	if d.Empty() {
		p.Title.Text += ": none"
	}
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Y.Label.Text = "inquiries"
	p.Y.Min = 0

	var names []string
	for _, day := range d.Days {
		t, err := time.Parse(time.DateOnly, day.Date)
		if err != nil {
			return nil, fmt.Errorf("chart: day %q: %w", day.Date, err)
		}
		names = append(names, t.Format("Mon 2"))
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("chart: digest %s has no days", d.Week)
	}

	// The grid goes first so that the bars cover it.
	p.Add(plotter.NewGrid())
	var (
		below *plotter.BarChart
		peak  float64
		sums  = make([]float64, len(d.Days))
	)
	barWidth := (weekShare*width - 1.2*vg.Inch) / vg.Length(len(d.Days)) * 0.6
	for _, m := range bot.DigestModels() {
		vals := make(plotter.Values, len(d.Days))
		for i, day := range d.Days {
			vals[i] = float64(day.ByModel[m])
			sums[i] += vals[i]
		}
		bars, err := plotter.NewBarChart(vals, barWidth)
		if err != nil {
			return nil, fmt.Errorf("chart: %s bars: %w", m, err)
		}
		bars.LineStyle.Width = 0
		bars.Color = modelColor(m)
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(string(m), bars)
	}
	for _, s := range sums {
		peak = max(peak, s)
	}
	// A whole-number axis with headroom above the bars for the legend; at
	// least 0..4 so that an empty or quiet week still draws a readable grid.
	p.Y.Max = max(4, peak*1.4)
	p.Y.Tick.Marker = integerTicks{}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.NominalX(names...)
	// Half a day of room either side, so the first and last bars are whole.
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	return p, nil
}

// weekPlot draws last week's total beside this week's, stacked by model,
// each labelled with its figure.
func weekPlot(d bot.Digest) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Week total"
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Y.Min = 0
	p.Add(plotter.NewGrid())
	barWidth := (1 - weekShare) * width / 2 * 0.45
	last, err := plotter.NewBarChart(plotter.Values{float64(d.PreviousTotal), 0}, barWidth)
	if err != nil {
		return nil, fmt.Errorf("chart: last week's bar: %w", err)
	}
	last.LineStyle.Width = 0
	last.Color = lastWeekColor
	p.Add(last)
	below := last
	for _, m := range bot.DigestModels() {
		bars, err := plotter.NewBarChart(plotter.Values{0, float64(d.ByModel[m])}, barWidth)
		if err != nil {
			return nil, fmt.Errorf("chart: %s week bar: %w", m, err)
		}
		bars.LineStyle.Width = 0
		bars.Color = modelColor(m)
		bars.StackOn(below)
		below = bars
		p.Add(bars)
	}
	p.Y.Max = max(4, float64(max(d.Total, d.PreviousTotal))*1.2)
	p.Y.Tick.Marker = integerTicks{}
	p.NominalX(fmt.Sprintf("last week\n%d", d.PreviousTotal), fmt.Sprintf("this week\n%d", d.Total))
	p.X.Min, p.X.Max = -0.6, 1.6
	return p, nil
}

// integerTicks marks whole numbers only: counts have no fractions.
type integerTicks struct{}

// Ticks returns about five whole-number ticks between lo and hi.
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	for (hi-lo)/step > 6 {
		switch {
		case fmt.Sprint(step)[0] == '2':
			step *= 2.5
		default:
			step *= 2
		}
	}
	var out []plot.Tick
	for v := 0.0; v <= hi; v += step {
		if v >= lo {
			out = append(out, plot.Tick{Value: v, Label: fmt.Sprint(v)})
		}
	}
	return out
}
