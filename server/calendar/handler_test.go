package calendar_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

var stockholm, _ = time.LoadLocation("Europe/Stockholm")

// get fetches a URL as a calendar app does and returns the status and body.
func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(b)
}

// TestASubscriptionShowsOnesMeetingsUntilRevoked follows a chair's subscription URL
// from creation to revocation, with a fixed clock so times are known.
func TestASubscriptionShowsOnesMeetingsUntilRevoked(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, stockholm)
	s := apptest.Start(t, store.WithClock(func() time.Time { return now }))
	chair := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	cal := samspelv1.NewCalendarServiceClient(s.Conn)
	mc := samspelv1.NewMeetingServiceClient(s.Conn)

	next, err := mc.GetMeetingOverview(chair, &samspelv1.GetMeetingOverviewRequest{})
	if err != nil {
		t.Fatal(err)
	}
	view, err := mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: next.NextCheckIn.Id})
	if err != nil {
		t.Fatal(err)
	}
	chairID := view.Participants[0].Id
	for _, p := range view.Participants {
		if p.DisplayName == demo.Chair.Name {
			chairID = p.Id
		}
	}
	if _, err := mc.AddActionItem(chair, &samspelv1.AddActionItemRequest{MeetingId: next.NextCheckIn.Id, Text: "Ringa skidklubben", OwnerPersonId: chairID, DueDate: "2026-12-04"}); err != nil {
		t.Fatal(err)
	}

	created, err := cal.CreateCalendarFeed(chair, &samspelv1.CreateCalendarFeedRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.Url, s.URL+"/kalender/sc_") || !strings.HasSuffix(created.Url, ".ics") {
		t.Fatalf("subscription URL = %q", created.Url)
	}
	code, header, body := get(t, created.Url)
	t.Run("the feed is iCalendar", func(t *testing.T) {
		if code != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("GET = %d %s", code, header.Get("Content-Type"))
		}
		if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("body starts %q, nosniff %q", body[:min(40, len(body))], header.Get("X-Content-Type-Options"))
		}
	})
	t.Run("the next check-in is there at 08:00 Swedish time", func(t *testing.T) {
		// 30 November is winter time: 08:00 in Stockholm is 07:00 UTC.
		if !strings.Contains(body, "DTSTART:20261130T070000Z") || !strings.Contains(body, "SUMMARY:"+demo.CheckInTitle) {
			t.Errorf("the feed lacks the check-in of 30 November at 07:00Z")
		}
		if strings.Contains(body, "Direktören redogjorde") {
			t.Errorf("the feed carries note text; it must carry titles and places only")
		}
	})
	t.Run("the chair's action item is there on its due date", func(t *testing.T) {
		if !strings.Contains(body, "DTSTART;VALUE=DATE:20261204") || !strings.Contains(body, "Ringa skidklubben") {
			t.Errorf("the feed lacks the action due 2026-12-04")
		}
	})
	t.Run("the app tells that the feed is live and was fetched", func(t *testing.T) {
		f, err := cal.GetCalendarFeed(chair, &samspelv1.GetCalendarFeedRequest{})
		if err != nil || !f.Active || f.LastFetchTime == nil {
			t.Errorf("GetCalendarFeed = %v, %v", f, err)
		}
	})
	t.Run("a new URL ends the old one", func(t *testing.T) {
		again, err := cal.CreateCalendarFeed(chair, &samspelv1.CreateCalendarFeedRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if code, _, _ := get(t, created.Url); code != http.StatusNotFound {
			t.Errorf("the old URL answers %d; want 404", code)
		}
		if code, _, _ := get(t, again.Url); code != http.StatusOK {
			t.Errorf("the new URL answers %d", code)
		}
		if _, err := cal.RevokeCalendarFeed(chair, &samspelv1.RevokeCalendarFeedRequest{}); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := get(t, again.Url); code != http.StatusNotFound {
			t.Errorf("a revoked URL answers %d; want 404", code)
		}
	})
	t.Run("a made-up secret finds nothing", func(t *testing.T) {
		if code, _, _ := get(t, s.URL+"/kalender/sc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics"); code != http.StatusNotFound {
			t.Errorf("GET = %d; want 404", code)
		}
	})
	t.Run("an opposition politician's feed has none of the pair's meetings", func(t *testing.T) {
		opp := apptest.Bearer(context.Background(), s.Token(t, demo.Opposition.Email))
		f, err := cal.CreateCalendarFeed(opp, &samspelv1.CreateCalendarFeedRequest{})
		if err != nil {
			t.Fatal(err)
		}
		code, _, body := get(t, f.Url)
		if code != http.StatusOK || strings.Contains(body, "BEGIN:VEVENT") {
			t.Errorf("GET = %d with events: %q", code, body)
		}
	})
}
