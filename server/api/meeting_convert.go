package api

import (
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// Conversions of meeting rows to their protos.

// each converts every element of a list.
func each[T, P any](convert func(T) P, xs []T) []P {
	out := make([]P, 0, len(xs))
	for _, x := range xs {
		out = append(out, convert(x))
	}
	return out
}

// personRef converts a referenced person, leaving an absent one (id zero) unset.
func personRef(p store.Person) *samspelv1.Person {
	if p.ID == 0 {
		return nil
	}
	return personToProto(p)
}

func seriesToProto(ms store.MeetingSeries) *samspelv1.MeetingSeries {
	return &samspelv1.MeetingSeries{
		Id: ms.ID, OrganizationId: ms.OrganizationID, TermId: ms.TermID, Kind: samspelv1.MeetingKind(ms.Kind),
		Title: ms.Title, Place: ms.Place, Weekday: ms.Weekday, StartTime: ms.StartTime, DurationMinutes: ms.DurationMinutes,
		IntervalWeeks: ms.IntervalWeeks, StartDate: ms.StartDate, EndDate: ms.EndDate, Participants: each(personToProto, ms.Participants),
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

func agendaItemToProto(a store.AgendaItem) *samspelv1.AgendaItem {
	pb := &samspelv1.AgendaItem{
		Id: a.ID, MeetingId: a.MeetingID, MeetingDate: a.MeetingDate, Title: a.Title, Description: a.Description,
		AddedBy: personRef(a.AddedBy), CreateTime: timestamp(a.CreatedAt), Closed: a.Closed(),
		ClosedMeetingId: a.ClosedMeetingID, CarriedOver: a.CarriedOver,
		OppositionTopic: samspelv1.OppositionTopic(a.OppositionTopic), WithheldReason: a.WithheldReason,
	}
	if a.SourceKind != "" {
		pb.Source = &samspelv1.AgendaItemSource{Kind: a.SourceKind, Id: a.SourceID}
	}
	return pb
}

func revisionToProto(r store.Revision) *samspelv1.Revision {
	return &samspelv1.Revision{PreviousText: r.PreviousText, Reason: r.Reason, RevisedBy: personRef(r.RevisedBy), ReviseTime: timestamp(r.RevisedAt)}
}

func noteToProto(n store.MeetingNote) *samspelv1.MeetingNote {
	return &samspelv1.MeetingNote{
		Id: n.ID, MeetingId: n.MeetingID, MeetingDate: n.MeetingDate, AgendaItemId: n.AgendaItemID, Author: personRef(n.Author),
		Body: n.Body, Private: n.Private, CreateTime: timestamp(n.CreatedAt), UpdateTime: timestamp(n.UpdatedAt),
		Revisions: each(revisionToProto, n.Revisions),
	}
}

func decisionToProto(d store.Decision) *samspelv1.Decision {
	return &samspelv1.Decision{
		Id: d.ID, MeetingId: d.MeetingID, MeetingDate: d.MeetingDate, AgendaItemId: d.AgendaItemID, Text: d.Text,
		TakenBy: personRef(d.TakenBy), RecordedBy: personRef(d.RecordedBy), CreateTime: timestamp(d.CreatedAt),
		Revisions: each(revisionToProto, d.Revisions),
	}
}

func actionToProto(a store.ActionItem) *samspelv1.ActionItem {
	return &samspelv1.ActionItem{
		Id: a.ID, MeetingId: a.MeetingID, MeetingDate: a.MeetingDate, MeetingTitle: a.MeetingTitle, AgendaItemId: a.AgendaItemID,
		Text: a.Text, Owner: personRef(a.Owner), DueDate: a.DueDate, Status: samspelv1.ActionItemStatus(a.Status),
		Overdue: a.Overdue, CreateTime: timestamp(a.CreatedAt), Revisions: each(revisionToProto, a.Revisions),
	}
}
