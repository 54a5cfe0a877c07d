package api

import (
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// Conversions of meeting rows to their protos.

// personRef converts a referenced person, leaving an absent one (id zero) unset.
func personRef(p store.Person) *samspelv1.Person {
	if p.ID == 0 {
		return nil
	}
	return personToProto(p)
}

func peopleToProto(ps []store.Person) []*samspelv1.Person {
	out := make([]*samspelv1.Person, 0, len(ps))
	for _, p := range ps {
		out = append(out, personToProto(p))
	}
	return out
}

func seriesToProto(ms store.MeetingSeries) *samspelv1.MeetingSeries {
	return &samspelv1.MeetingSeries{
		Id: ms.ID, OrganizationId: ms.OrganizationID, TermId: ms.TermID, Kind: samspelv1.MeetingKind(ms.Kind),
		Title: ms.Title, Place: ms.Place, Weekday: ms.Weekday, StartTime: ms.StartTime, DurationMinutes: ms.DurationMinutes,
		IntervalWeeks: ms.IntervalWeeks, StartDate: ms.StartDate, EndDate: ms.EndDate, Participants: peopleToProto(ms.Participants),
	}
}

func meetingToProto(m store.Meeting) *samspelv1.Meeting {
	return &samspelv1.Meeting{
		Id: m.ID, SeriesId: m.SeriesID, OrganizationId: m.OrganizationID, Kind: samspelv1.MeetingKind(m.Kind),
		Title: m.Title, Date: m.Date, StartTime: m.StartTime, DurationMinutes: m.DurationMinutes, Place: m.Place,
		Status: samspelv1.MeetingStatus(m.Status), CancelReason: m.CancelReason, Finalized: m.Finalized(),
		FinalizeTime: timestamp(m.FinalizedAt), FinalizedBy: personRef(m.FinalizedBy), AgendaItemCount: m.AgendaItemCount,
	}
}

func meetingRef(m *store.Meeting) *samspelv1.Meeting {
	if m == nil {
		return nil
	}
	return meetingToProto(*m)
}

func meetingsToProto(ms []store.Meeting) []*samspelv1.Meeting {
	out := make([]*samspelv1.Meeting, 0, len(ms))
	for _, m := range ms {
		out = append(out, meetingToProto(m))
	}
	return out
}

func agendaItemToProto(a store.AgendaItem) *samspelv1.AgendaItem {
	pb := &samspelv1.AgendaItem{
		Id: a.ID, MeetingId: a.MeetingID, MeetingDate: a.MeetingDate, Title: a.Title, Description: a.Description,
		AddedBy: personRef(a.AddedBy), CreateTime: timestamp(a.CreatedAt), Closed: a.Closed(),
		ClosedMeetingId: a.ClosedMeetingID, CarriedOver: a.CarriedOver,
	}
	if a.SourceKind != "" {
		pb.Source = &samspelv1.AgendaItemSource{Kind: a.SourceKind, Id: a.SourceID}
	}
	return pb
}

func agendaItemsToProto(as []store.AgendaItem) []*samspelv1.AgendaItem {
	out := make([]*samspelv1.AgendaItem, 0, len(as))
	for _, a := range as {
		out = append(out, agendaItemToProto(a))
	}
	return out
}

func revisionsToProto(rs []store.Revision) []*samspelv1.Revision {
	out := make([]*samspelv1.Revision, 0, len(rs))
	for _, r := range rs {
		out = append(out, &samspelv1.Revision{PreviousText: r.PreviousText, Reason: r.Reason, RevisedBy: personRef(r.RevisedBy), ReviseTime: timestamp(r.RevisedAt)})
	}
	return out
}

func noteToProto(n store.MeetingNote) *samspelv1.MeetingNote {
	return &samspelv1.MeetingNote{
		Id: n.ID, MeetingId: n.MeetingID, MeetingDate: n.MeetingDate, AgendaItemId: n.AgendaItemID, Author: personRef(n.Author),
		Body: n.Body, Private: n.Private, CreateTime: timestamp(n.CreatedAt), UpdateTime: timestamp(n.UpdatedAt),
		Revisions: revisionsToProto(n.Revisions),
	}
}

func notesToProto(ns []store.MeetingNote) []*samspelv1.MeetingNote {
	out := make([]*samspelv1.MeetingNote, 0, len(ns))
	for _, n := range ns {
		out = append(out, noteToProto(n))
	}
	return out
}

func decisionToProto(d store.Decision) *samspelv1.Decision {
	return &samspelv1.Decision{
		Id: d.ID, MeetingId: d.MeetingID, MeetingDate: d.MeetingDate, AgendaItemId: d.AgendaItemID, Text: d.Text,
		TakenBy: personRef(d.TakenBy), RecordedBy: personRef(d.RecordedBy), CreateTime: timestamp(d.CreatedAt),
		Revisions: revisionsToProto(d.Revisions),
	}
}

func decisionsToProto(ds []store.Decision) []*samspelv1.Decision {
	out := make([]*samspelv1.Decision, 0, len(ds))
	for _, d := range ds {
		out = append(out, decisionToProto(d))
	}
	return out
}

func actionToProto(a store.ActionItem) *samspelv1.ActionItem {
	return &samspelv1.ActionItem{
		Id: a.ID, MeetingId: a.MeetingID, MeetingDate: a.MeetingDate, MeetingTitle: a.MeetingTitle, AgendaItemId: a.AgendaItemID,
		Text: a.Text, Owner: personRef(a.Owner), DueDate: a.DueDate, Status: samspelv1.ActionItemStatus(a.Status),
		Overdue: a.Overdue, CreateTime: timestamp(a.CreatedAt), Revisions: revisionsToProto(a.Revisions),
	}
}

func actionsToProto(as []store.ActionItem) []*samspelv1.ActionItem {
	out := make([]*samspelv1.ActionItem, 0, len(as))
	for _, a := range as {
		out = append(out, actionToProto(a))
	}
	return out
}
