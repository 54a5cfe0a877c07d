// Package textdiff compares two versions of a text the way a reader wants to see it:
// line by line first, then word by word inside the lines that changed. It is small on
// purpose: a longest-common-subsequence table over what is left once the common start
// and end are cut off, which is little for the edits a document like the director's
// instruction gets.
package textdiff

import (
	"strings"
	"unicode"
)

// Op says what happened to a piece of text.
type Op int

// The ops a chunk can have.
const (
	Equal Op = iota + 1
	Insert
	Delete
)

// Chunk is a run of text with what happened to it. The Equal and Delete chunks joined
// give the old text; the Equal and Insert chunks joined give the new one.
type Chunk struct {
	Op   Op
	Text string
}

// maxCells bounds the table of one comparison (about 4 MB). Past it, the part that
// differs is shown as removed and added whole, which is still correct, only coarser.
const maxCells = 1 << 20

// Text compares old and new: lines first, then the words of changed lines.
func Text(old, new string) []Chunk {
	var out []Chunk
	var dels, inss []string
	flush := func() {
		if len(dels) > 0 && len(inss) > 0 {
			out = append(out, words(strings.Join(dels, ""), strings.Join(inss, ""))...)
		} else {
			out = add(out, Delete, strings.Join(dels, ""))
			out = add(out, Insert, strings.Join(inss, ""))
		}
		dels, inss = nil, nil
	}
	for _, e := range script(lines(old), lines(new)) {
		switch e.op {
		case Equal:
			flush()
			out = add(out, Equal, e.token)
		case Delete:
			dels = append(dels, e.token)
		case Insert:
			inss = append(inss, e.token)
		}
	}
	flush()
	return cleanup(merge(out))
}

// cleanup folds each short equality that stands between two larger changes into them:
// "frågor och beräkningar" -> "frågor, beräkningar och egna budgetalternativ" reads
// better as one phrase replaced than as a comb of single words and spaces kept.
// It is diff-match-patch's semantic clean-up, in its simplest form.
func cleanup(chunks []Chunk) []Chunk {
	for changed := true; changed; {
		changed = false
		for i := 1; i < len(chunks)-1; i++ {
			if chunks[i].Op != Equal {
				continue
			}
			n := len([]rune(chunks[i].Text))
			if n <= editsAround(chunks, i, -1) && n <= editsAround(chunks, i, +1) {
				eq := chunks[i].Text
				chunks = append(chunks[:i], append([]Chunk{{Delete, eq}, {Insert, eq}}, chunks[i+1:]...)...)
				chunks = merge(chunks)
				changed = true
				break
			}
		}
	}
	return chunks
}

// editsAround is how many characters the changes next to chunk i, on the side dir,
// remove or add (the larger of the two).
func editsAround(chunks []Chunk, i, dir int) int {
	del, ins := 0, 0
	for j := i + dir; j >= 0 && j < len(chunks) && chunks[j].Op != Equal; j += dir {
		if chunks[j].Op == Delete {
			del += len([]rune(chunks[j].Text))
		} else {
			ins += len([]rune(chunks[j].Text))
		}
	}
	return max(del, ins)
}

// words compares two texts word by word; whitespace runs are tokens of their own, so
// the chunks keep the text's spacing and line breaks.
func words(old, new string) []Chunk {
	var out []Chunk
	for _, e := range script(tokens(old), tokens(new)) {
		out = add(out, e.op, e.token)
	}
	return out
}

type edit struct {
	op    Op
	token string
}

// script returns the edits that turn a into b, keeping as many tokens as it can.
func script(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []edit
	for _, t := range a[:pre] {
		out = append(out, edit{Equal, t})
	}
	out = append(out, middle(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, t := range a[len(a)-suf:] {
		out = append(out, edit{Equal, t})
	}
	return out
}

// middle diffs what lies between the common start and end with an LCS table.
func middle(a, b []string) []edit {
	var out []edit
	if len(a) == 0 || len(b) == 0 || (len(a)+1)*(len(b)+1) > maxCells {
		for _, t := range a {
			out = append(out, edit{Delete, t})
		}
		for _, t := range b {
			out = append(out, edit{Insert, t})
		}
		return out
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, edit{Equal, a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			out = append(out, edit{Delete, a[i]})
			i++
		default:
			out = append(out, edit{Insert, b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		out = append(out, edit{Delete, a[i]})
	}
	for ; j < len(b); j++ {
		out = append(out, edit{Insert, b[j]})
	}
	return out
}

// lines splits s after each line break, keeping the breaks.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.SplitAfter(s, "\n")
}

// tokens splits s into words (letters and digits), runs of whitespace, and single
// other characters, so a comma added after a word leaves the word itself unchanged.
func tokens(s string) []string {
	var out []string
	start, prev := 0, 0
	for i, r := range s {
		class := classOf(r)
		if i > start && (class != prev || class == other) {
			out = append(out, s[start:i])
			start = i
		}
		prev = class
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

const (
	word = iota + 1
	space
	other
)

func classOf(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return other
}

// add appends text as a chunk, joining it to the last chunk when the op is the same.
func add(out []Chunk, op Op, text string) []Chunk {
	if text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Op == op {
		out[n-1].Text += text
		return out
	}
	return append(out, Chunk{op, text})
}

// merge joins neighbouring chunks of the same op and puts each run of changes in the
// order delete, insert, which reads best.
func merge(in []Chunk) []Chunk {
	var out []Chunk
	var del, ins strings.Builder
	flush := func() {
		out = add(out, Delete, del.String())
		out = add(out, Insert, ins.String())
		del.Reset()
		ins.Reset()
	}
	for _, c := range in {
		switch c.Op {
		case Delete:
			del.WriteString(c.Text)
		case Insert:
			ins.WriteString(c.Text)
		default:
			flush()
			out = add(out, c.Op, c.Text)
		}
	}
	flush()
	return out
}

// HasChanges reports whether the chunks hold any change.
func HasChanges(chunks []Chunk) bool {
	for _, c := range chunks {
		if c.Op != Equal {
			return true
		}
	}
	return false
}

// Section is a headed part of a document.
type Section struct {
	Heading string
	Body    string
}

// SectionChange says what happened to a section.
type SectionChange int

// The changes a section can have.
const (
	Unchanged SectionChange = iota + 1
	Changed
	Added
	Removed
)

// SectionDiff is what happened to one section.
type SectionDiff struct {
	Change  SectionChange
	Heading string
	Chunks  []Chunk
}

// Sections compares two documents section by section, matching sections by heading; a
// renamed section shows as one removed and one added. Removed sections stay where they
// stood.
func Sections(old, new []Section) []SectionDiff {
	oldByHeading := map[string]string{}
	var a, b []string
	for _, s := range old {
		oldByHeading[s.Heading] = s.Body
		a = append(a, s.Heading)
	}
	newByHeading := map[string]string{}
	for _, s := range new {
		newByHeading[s.Heading] = s.Body
		b = append(b, s.Heading)
	}
	var out []SectionDiff
	for _, e := range script(a, b) {
		switch e.op {
		case Equal:
			chunks := Text(oldByHeading[e.token], newByHeading[e.token])
			change := Unchanged
			if HasChanges(chunks) {
				change = Changed
			}
			out = append(out, SectionDiff{change, e.token, chunks})
		case Delete:
			out = append(out, SectionDiff{Removed, e.token, add(nil, Delete, oldByHeading[e.token])})
		case Insert:
			out = append(out, SectionDiff{Added, e.token, add(nil, Insert, newByHeading[e.token])})
		}
	}
	return out
}
