// Package calendar serves each person's calendar subscription at /kalender/SECRET.ics:
// their meetings and the due dates of the action items they own, as iCalendar. It is a
// plain HTTP GET because calendar apps speak no gRPC; the secret in the URL is the
// credential (stored hashed, revocable from the app).
package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/store"
)

// Window is how far back and ahead a subscription reaches.
const (
	Back  = 60 * 24 * time.Hour
	Ahead = 400 * 24 * time.Hour
)

// Mount serves subscriptions under auth.CalendarPath and hands everything else to next.
func Mount(next http.Handler, st *store.Store, publicURL string, log *slog.Logger) http.Handler {
	h := &handler{st: st, base: strings.TrimRight(publicURL, "/"), log: log}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, auth.CalendarPath) {
			h.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type handler struct {
	st   *store.Store
	base string
	log  *slog.Logger
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "private, no-cache")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	secret := auth.CalendarSecret(r.URL.Path)
	if secret == "" {
		http.NotFound(w, r)
		return
	}
	person, err := h.st.CalendarFeedPerson(r.Context(), auth.Hash(secret))
	if errors.Is(err, store.ErrNotFound) {
		// A revoked or unknown link: say no more than that there is nothing here.
		http.NotFound(w, r)
		return
	}
	if err != nil {
		h.log.ErrorContext(r.Context(), "calendar feed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	now := h.st.Now()
	entries, err := h.st.CalendarEntries(r.Context(), person.ID, day(now.Add(-Back)), day(now.Add(Ahead)))
	if err != nil {
		h.log.ErrorContext(r.Context(), "calendar entries", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := Write(&buf, h.calendar(person, now, entries)); err != nil {
		h.log.ErrorContext(r.Context(), "write calendar", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="samspel.ics"`)
	w.Write(buf.Bytes())
}

var stockholm = mustLocation("Europe/Stockholm")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}

func day(t time.Time) string { return t.In(stockholm).Format(time.DateOnly) }

// calendar turns a person's meetings and action items into events. Meeting times are
// Swedish local time; notes never leave the app this way, only titles, places and links.
func (h *handler) calendar(p store.Person, now time.Time, e store.CalendarEntries) Calendar {
	host := "samspel"
	if u, err := url.Parse(h.base); err == nil && u.Host != "" {
		host = u.Host
	}
	c := Calendar{Name: "Samspel – " + p.DisplayName, Stamp: now}
	for _, m := range e.Meetings {
		start, err := time.ParseInLocation("2006-01-02 15:04", m.Date+" "+m.StartTime, stockholm)
		if err != nil {
			continue
		}
		desc := fmt.Sprintf("%d punkter på dagordningen.", m.AgendaItemCount)
		if m.Status == store.MeetingCancelled && m.CancelReason != "" {
			desc = "Inställt: " + m.CancelReason
		}
		c.Events = append(c.Events, Event{
			UID:         fmt.Sprintf("meeting-%d@%s", m.ID, host),
			Summary:     m.Title,
			Location:    m.Place,
			Description: desc,
			URL:         fmt.Sprintf("%s/moten/%d", h.base, m.ID),
			Start:       start,
			End:         start.Add(time.Duration(m.DurationMinutes) * time.Minute),
			Cancelled:   m.Status == store.MeetingCancelled,
		})
	}
	for _, a := range e.Actions {
		c.Events = append(c.Events, Event{
			UID:         fmt.Sprintf("action-%d@%s", a.ID, host),
			Summary:     "Åtgärd: " + a.Text,
			Description: fmt.Sprintf("Från %s %s.", a.MeetingTitle, a.MeetingDate),
			URL:         fmt.Sprintf("%s/moten/%d", h.base, a.MeetingID),
			Day:         a.DueDate,
		})
	}
	return c
}
