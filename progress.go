package main

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// newProgress returns a progress bar for total lines (-1: not known, a
// running count) with the rate and, when total is known, the time left.
// It draws only when w is a terminal and visible is set: standard error
// piped to a file or a log gets no \r frames. Safe for concurrent use.
func newProgress(w io.Writer, total int, what string, visible bool) *progressbar.ProgressBar {
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetVisibility(visible && isTerminal(w)),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetItsString("lines"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
