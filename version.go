package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// build describes the running binary, from the Go toolchain's build info.
type build struct {
	// Version is the module version ("v1.2.0", or "(devel)" for a build
	// from a checkout), unless -ldflags "-X main.version=..." set one.
	Version string
	// Revision is the VCS commit the binary was built from ("" if unknown,
	// as with `go run`), Time its commit time, Modified whether the tree
	// had uncommitted changes.
	Revision, Time string
	Modified       bool
	GoVersion      string
}

// buildInfo reads the build info of the running binary.
func buildInfo() build {
	b := build{Version: version, GoVersion: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if b.Version == "" || b.Version == "dev" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// print writes what `triagebot version` shows.
func (b build) print(w io.Writer) {
	fmt.Fprintf(w, "triagebot %s\n", b.Version)
	switch {
	case b.Revision == "":
		fmt.Fprintln(w, "revision: unknown (built without VCS information, e.g. by go run)")
	case b.Modified:
		fmt.Fprintf(w, "revision: %s (%s) with uncommitted changes\n", b.Revision, b.Time)
	default:
		fmt.Fprintf(w, "revision: %s (%s)\n", b.Revision, b.Time)
	}
	fmt.Fprintf(w, "go: %s\n", b.GoVersion)
}
