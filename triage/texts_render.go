package triage

import (
	"strings"
	"text/template"
	"text/template/parse"
)

// An explanation is rendered on every reply, and text/template's
// reflection costs several microseconds a call: more than reading the
// message. The templates suppliers write use a small subset — text,
// {{.Field}}, {{with .Field}}…{{.}}…{{end}}, {{if .Field}}…{{else}}…{{end}}
// — so newTexts compiles that subset into a plain node list, walked without
// reflection. A template using anything else (functions, variables, range,
// comparisons) is run by text/template as written; both give the same text,
// which a test checks.

// fieldID names a field of explanationData.
type fieldID int

// The explanationData fields a fast template can use.
const (
	fModel fieldID = iota
	fQuantity
	fBudget
	fBudgetUSD
	fOwnerBuyer
	fOwnerFactory
	fSupplyChain
	fLeadTime
	fBasis
	fMOQ
	fInvestment
	fLead
	fQC
)

// fieldByName maps a template field name to its fieldID.
func fieldByName(name string) (fieldID, bool) {
	switch name {
	case "Model":
		return fModel, true
	case "Quantity":
		return fQuantity, true
	case "Budget":
		return fBudget, true
	case "BudgetUSD":
		return fBudgetUSD, true
	case "OwnerBuyer":
		return fOwnerBuyer, true
	case "OwnerFactory":
		return fOwnerFactory, true
	case "SupplyChain":
		return fSupplyChain, true
	case "LeadTime":
		return fLeadTime, true
	case "Basis":
		return fBasis, true
	case "MOQ":
		return fMOQ, true
	case "Investment":
		return fInvestment, true
	case "Lead":
		return fLead, true
	case "QC":
		return fQC, true
	}
	return 0, false
}

// field returns the text of field f as text/template prints it, and
// whether it is non-empty (true for {{if}} and {{with}}).
func (d *explanationData) field(f fieldID) (string, bool) {
	var s string
	switch f {
	case fModel:
		s = d.Model
	case fQuantity:
		s = d.Quantity
	case fBudget:
		s = d.Budget
	case fBudgetUSD:
		s = d.BudgetUSD
	case fOwnerBuyer:
		return boolText(d.OwnerBuyer), d.OwnerBuyer
	case fOwnerFactory:
		return boolText(d.OwnerFactory), d.OwnerFactory
	case fSupplyChain:
		return boolText(d.SupplyChain), d.SupplyChain
	case fLeadTime:
		s = d.LeadTime
	case fBasis:
		s = d.Basis
	case fMOQ:
		s = d.MOQ
	case fInvestment:
		s = d.Investment
	case fLead:
		s = d.Lead
	case fQC:
		s = d.QC
	}
	return s, s != ""
}

// boolText prints a bool as text/template does.
func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// fastKind is the kind of a compiled node.
type fastKind int

const (
	fastText  fastKind = iota // literal text
	fastField                 // {{.Field}}
	fastDot                   // {{.}} inside a with: the with's value
	fastIf                    // {{if .Field}} list {{else}} elseList {{end}}
	fastWith                  // {{with .Field}} list {{else}} elseList {{end}}
)

// fastNode is one compiled template node.
type fastNode struct {
	kind           fastKind
	text           string
	field          fieldID
	list, elseList []fastNode
}

// compileFast compiles tmpl into nodes, or reports false when it uses
// anything beyond the subset.
func compileFast(tmpl *template.Template) ([]fastNode, bool) {
	if tmpl == nil || tmpl.Tree == nil || tmpl.Tree.Root == nil {
		return nil, false
	}
	// Templates defined inside the text ({{define}}) are outside the subset.
	if len(tmpl.Templates()) > 1 {
		return nil, false
	}
	return compileList(tmpl.Tree.Root, false)
}

// compileList compiles a node list; inWith says whether dot is a with's
// string value (where only {{.}} makes sense) rather than the data.
func compileList(l *parse.ListNode, inWith bool) ([]fastNode, bool) {
	if l == nil {
		return nil, true
	}
	out := make([]fastNode, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, fastNode{kind: fastText, text: string(n.Text)})
		case *parse.ActionNode:
			f, dot, ok := simplePipe(n.Pipe)
			switch {
			case !ok:
				return nil, false
			case dot && inWith:
				out = append(out, fastNode{kind: fastDot})
			case dot || inWith:
				// {{.}} of the whole struct, or a field of a string.
				return nil, false
			default:
				out = append(out, fastNode{kind: fastField, field: f})
			}
		case *parse.IfNode:
			fn, ok := compileBranch(fastIf, &n.BranchNode, inWith)
			if !ok {
				return nil, false
			}
			out = append(out, fn)
		case *parse.WithNode:
			fn, ok := compileBranch(fastWith, &n.BranchNode, inWith)
			if !ok {
				return nil, false
			}
			out = append(out, fn)
		default:
			return nil, false
		}
	}
	return out, true
}

// compileBranch compiles an if or with on a plain field.
func compileBranch(kind fastKind, b *parse.BranchNode, inWith bool) (fastNode, bool) {
	f, dot, ok := simplePipe(b.Pipe)
	if !ok || dot || inWith {
		return fastNode{}, false
	}
	list, ok := compileList(b.List, kind == fastWith || inWith)
	if !ok {
		return fastNode{}, false
	}
	elseList, ok := compileList(b.ElseList, inWith)
	if !ok {
		return fastNode{}, false
	}
	return fastNode{kind: kind, field: f, list: list, elseList: elseList}, true
}

// simplePipe recognises a pipeline that is one field of the data or dot.
func simplePipe(p *parse.PipeNode) (f fieldID, dot, ok bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false, false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return 0, true, true
	case *parse.FieldNode:
		if len(a.Ident) != 1 {
			return 0, false, false
		}
		id, known := fieldByName(a.Ident[0])
		return id, false, known
	}
	return 0, false, false
}

// renderFast writes nodes over d into sb; dot is the value of the
// innermost with.
func renderFast(sb *strings.Builder, nodes []fastNode, d *explanationData, dot string) {
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case fastText:
			sb.WriteString(n.text)
		case fastField:
			s, _ := d.field(n.field)
			sb.WriteString(s)
		case fastDot:
			sb.WriteString(dot)
		case fastIf:
			if _, ok := d.field(n.field); ok {
				renderFast(sb, n.list, d, dot)
			} else {
				renderFast(sb, n.elseList, d, dot)
			}
		case fastWith:
			if s, ok := d.field(n.field); ok {
				renderFast(sb, n.list, d, s)
			} else {
				renderFast(sb, n.elseList, d, dot)
			}
		}
	}
}
