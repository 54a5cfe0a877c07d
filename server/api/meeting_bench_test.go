package api_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// BenchmarkOpenTheNextMeeting times GetMeeting (agenda, carried-over items, open action
// items, the last meeting's decisions, notes) over native gRPC on loopback, with the demo's
// full finished term loaded. The target is p99 under 20 ms. It reports the percentiles of
// the calls it made:
//
//	go test -run '^$' -bench OpenTheNextMeeting -benchtime 2000x ./server/api
func BenchmarkOpenTheNextMeeting(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Chair.Email))
	mc := samspelv1.NewMeetingServiceClient(s.Conn)
	chair, err := s.Store.PersonByEmail(context.Background(), demo.Chair.Email)
	if err != nil {
		b.Fatal(err)
	}
	next, err := mc.GetMeetingOverview(ctx, &samspelv1.GetMeetingOverviewRequest{})
	if err != nil || next.NextCheckIn == nil {
		b.Fatalf("overview: %v, %v", next, err)
	}
	cases := []struct {
		name string
		id   int64
	}{
		{"the next check-in of the current term", next.NextCheckIn.Id},
		{"the last check-in of the four-year term", lastOfFinishedTerm(b, s, chair.ID)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				if _, err := mc.GetMeeting(ctx, &samspelv1.GetMeetingRequest{Id: c.id}); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			b.StopTimer()
			report(b, durations)
		})
	}
}

// BenchmarkMeetingView times the store's part of opening a meeting alone.
func BenchmarkMeetingView(b *testing.B) {
	s := apptest.Start(b)
	chair, err := s.Store.PersonByEmail(context.Background(), demo.Chair.Email)
	if err != nil {
		b.Fatal(err)
	}
	id := lastOfFinishedTerm(b, s, chair.ID)
	durations := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		if _, err := s.Store.MeetingView(context.Background(), store.Viewer{PersonID: chair.ID}, id); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	report(b, durations)
}

// lastOfFinishedTerm is the last held check-in of the demo's finished term: the one with
// the longest history behind it.
func lastOfFinishedTerm(b *testing.B, s *apptest.Server, chair int64) int64 {
	b.Helper()
	list, _, err := s.Store.ListMeetings(context.Background(), store.Viewer{PersonID: chair},
		store.MeetingFilter{ToDate: demo.FinishedEnd, NewestFirst: true}, store.Page{Size: 50})
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range list {
		if m.Kind == store.KindAvstamning && m.Status == store.MeetingHeld {
			return m.ID
		}
	}
	b.Fatal("no held check-in in the finished term")
	return 0
}

func report(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	at := func(p float64) time.Duration { return d[min(len(d)-1, int(float64(len(d))*p))] }
	b.ReportMetric(float64(at(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(at(0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(d[len(d)-1].Microseconds())/1000, "max-ms")
	if testing.Verbose() {
		b.Log(fmt.Sprintf("%d calls: p50 %v, p99 %v, max %v", len(d), at(0.50), at(0.99), d[len(d)-1]))
	}
}
