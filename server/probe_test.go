package server

import (
	"strings"
	"testing"
)

func TestProbeURL(t *testing.T) {
	tests := []struct {
		addr, want, wantErr string
	}{
		{":8080", "http://127.0.0.1:8080/healthz", ""},
		{"0.0.0.0:8080", "http://127.0.0.1:8080/healthz", ""},
		{"[::]:8080", "http://[::1]:8080/healthz", ""},
		{"10.0.0.7:9000", "http://10.0.0.7:9000/healthz", ""},
		{"localhost:8080", "http://localhost:8080/healthz", ""},
		{"[::1]:8080", "http://[::1]:8080/healthz", ""},
		{":0", "", "no fixed port"},
		{"8080", "", "missing port"},
	}
	for _, tt := range tests {
		got, err := ProbeURL(tt.addr, "/healthz")
		if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("ProbeURL(%q) = %q, %v; want %q, error containing %q", tt.addr, got, err, tt.want, tt.wantErr)
		}
	}
}
