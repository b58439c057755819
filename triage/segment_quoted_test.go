package triage

import (
	"testing"
	"time"
)

// TestQuotedText reads messages whose buyer replies above the factory's
// quoted offer: the quoted text gives no cue of the buyer's, only what
// TRIAGE.md lets it give.
func TestQuotedText(t *testing.T) {
	e, err := New(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	t.Run("a quoted price repeated by the buyer is no budget", func(t *testing.T) {
		rd := e.Read("Hi Tom,\nUSD 14.50 is too high for us, we need 1,000 pcs.\n\nOn Mon, 2 Mar 2026, Tom <t@f.example> wrote:\n> Model AB-12: USD 14.50/pc, MOQ 500", sent)
		if rd.Budget != nil {
			t.Errorf("budget %+v, want none (the factory's price)", rd.Budget)
		}
		if rd.Quantity == nil || rd.Quantity.Min != 1000 {
			t.Errorf("quantity %+v, want 1000 (the buyer's, not the quoted MOQ)", rd.Quantity)
		}
	})
	t.Run("a quoted quantity and date give no cue", func(t *testing.T) {
		rd := e.Read("Could you tell me the warranty?\n\nEl 1 mar 2026, Ventas escribió:\n> 2.000 piezas, entrega antes del 30/04/2026", sent)
		if rd.Quantity != nil || rd.LeadTimeDays != nil {
			t.Errorf("quantity %+v lead %+v, want none", rd.Quantity, rd.LeadTimeDays)
		}
	})
	t.Run("an order on a quote of a coded model takes the factory's model", func(t *testing.T) {
		rd := e.Read("ok, please go ahead with 800 pcs.\n\nAm 01.03.2026 schrieb Verkauf:\n> Modell SP-400, 12 EUR/Stk", sent)
		if rd.Ownership != OwnerFactory {
			t.Errorf("ownership %q, want factory", rd.Ownership)
		}
	})
	t.Run("the language is the buyer's, not the quote's", func(t *testing.T) {
		rd := e.Read("Hola, necesitamos 600 espejos redondos para el hotel.\n\nOn Mon, 2 Mar 2026, Sales <s@f.example> wrote:\n> Dear customer, please find our price list attached. The minimum order is 500 pieces and delivery takes 40 days.", sent)
		if rd.Language != "es" {
			t.Errorf("language %q, want es", rd.Language)
		}
	})
}
