package api_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/export"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// invokeAny calls a method over native gRPC, unary or server-streaming; a stream is
// read to its end and its last error returned, so the matrix and the fuzzer treat both
// kinds alike.
func invokeAny(ctx context.Context, conn *grpc.ClientConn, method string, streaming bool, req, resp proto.Message) error {
	if !streaming {
		return conn.Invoke(ctx, method, req, resp)
	}
	cs, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, method)
	if err != nil {
		return err
	}
	if err := cs.SendMsg(req); err != nil {
		return err
	}
	if err := cs.CloseSend(); err != nil {
		return err
	}
	for {
		if err := cs.RecvMsg(proto.Clone(resp)); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// finishedTerm is the id of the demo's 2022-2026 term.
func finishedTerm(t *testing.T, s *apptest.Server) int64 {
	t.Helper()
	term, err := s.Store.FindTerm(context.Background(), 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	return term.TermID
}

// download calls ExportTerm and gathers the file.
func download(t *testing.T, ctx context.Context, s *apptest.Server, req *samspelv1.ExportTermRequest) (*samspelv1.ExportFileHeader, []byte, int, error) {
	t.Helper()
	stream, err := samspelv1.NewExportServiceClient(s.Conn).ExportTerm(ctx, req)
	if err != nil {
		return nil, nil, 0, err
	}
	var header *samspelv1.ExportFileHeader
	var buf bytes.Buffer
	chunks := 0
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return header, buf.Bytes(), chunks, nil
		}
		if err != nil {
			return header, buf.Bytes(), chunks, err
		}
		if h := resp.GetHeader(); h != nil {
			header = h
			continue
		}
		if len(resp.GetChunk()) > 64<<10 {
			t.Errorf("a chunk of %d bytes", len(resp.GetChunk()))
		}
		chunks++
		buf.Write(resp.GetChunk())
	}
}

func TestExportTerm(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	term := finishedTerm(t, s)
	admin := apptest.Bearer(ctx, s.Token(t, demo.Admin.Email))

	t.Run("the administrator receives the archive package in chunks, and it opens with every checksum right", func(t *testing.T) {
		h, b, chunks, err := download(t, admin, s, &samspelv1.ExportTermRequest{TermId: term, Kind: samspelv1.ExportKind_EXPORT_KIND_ARCHIVE})
		if err != nil {
			t.Fatal(err)
		}
		if h == nil || h.ContentType != "application/zip" || !strings.HasSuffix(h.FileName, "-2022-2026.zip") {
			t.Errorf("header %v", h)
		}
		if chunks < 2 {
			t.Errorf("%d chunks: not streamed", chunks)
		}
		p, err := export.Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		if !p.Has("meeting_notes") {
			t.Error("no meeting notes in the package")
		}
	})
	t.Run("the director receives the handover dossier", func(t *testing.T) {
		director := apptest.Bearer(ctx, s.Token(t, demo.Director.Email))
		h, b, _, err := download(t, director, s, &samspelv1.ExportTermRequest{TermId: term, Kind: samspelv1.ExportKind_EXPORT_KIND_HANDOVER})
		if err != nil {
			t.Fatal(err)
		}
		if h.ContentType != "text/html" || !bytes.Contains(b, []byte("Överlämning: Exempelstads kommun")) {
			t.Errorf("header %v, %d bytes", h, len(b))
		}
	})
	t.Run("staff without the registrar permission are refused the archive but may be given it", func(t *testing.T) {
		staff := apptest.Bearer(ctx, s.Token(t, demo.Staff.Email))
		req := &samspelv1.ExportTermRequest{TermId: term, Kind: samspelv1.ExportKind_EXPORT_KIND_ARCHIVE}
		if _, _, _, err := download(t, staff, s, req); status.Code(err) != codes.PermissionDenied {
			t.Fatalf("got %v, want PermissionDenied", err)
		}
		p, _ := s.Store.PersonByEmail(ctx, demo.Staff.Email)
		if err := s.Store.SetRegistrar(ctx, store.Actor{}, p.ID, 1, true); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := download(t, staff, s, req); err != nil {
			t.Fatalf("registrar: %v", err)
		}
	})
	t.Run("an opposition politician exports their own records but not the archive", func(t *testing.T) {
		opp := apptest.Bearer(ctx, s.Token(t, demo.Opposition.Email))
		h, b, _, err := download(t, opp, s, &samspelv1.ExportTermRequest{TermId: term, Kind: samspelv1.ExportKind_EXPORT_KIND_PERSONAL})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := export.Open(bytes.NewReader(b), int64(len(b))); err != nil || h.ContentType != "application/zip" {
			t.Fatalf("personal export: %v (%v)", err, h)
		}
		if _, _, _, err := download(t, opp, s, &samspelv1.ExportTermRequest{TermId: term, Kind: samspelv1.ExportKind_EXPORT_KIND_ARCHIVE}); status.Code(err) != codes.PermissionDenied {
			t.Fatalf("archive: got %v, want PermissionDenied", err)
		}
	})
	t.Run("every export is in the audit log", func(t *testing.T) {
		resp, err := samspelv1.NewAuditServiceClient(s.Conn).ListAuditEvents(admin, &samspelv1.ListAuditEventsRequest{PageSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, e := range resp.AuditEvents {
			if strings.HasSuffix(e.Action, ".export") {
				got[e.Action]++
			}
		}
		if got["archive.export"] != 2 || got["handover.export"] != 1 || got["personal.export"] != 1 {
			t.Errorf("audited exports: %v", got)
		}
	})
	t.Run("the archive streams over grpc-web too", func(t *testing.T) {
		res, err := s.GRPCWeb(ctx, samspelv1.ExportService_ExportTerm_FullMethodName,
			&samspelv1.ExportTermRequest{TermId: term, Kind: samspelv1.ExportKind_EXPORT_KIND_ARCHIVE}, nil,
			map[string][]string{"Authorization": {"Bearer " + s.Token(t, demo.Admin.Email)}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status.Code() != codes.OK {
			t.Fatalf("grpc-web: %v", res.Status)
		}
	})
}

func TestGetExportKinds(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	term := finishedTerm(t, s)
	const (
		archive  = samspelv1.ExportKind_EXPORT_KIND_ARCHIVE
		handover = samspelv1.ExportKind_EXPORT_KIND_HANDOVER
		personal = samspelv1.ExportKind_EXPORT_KIND_PERSONAL
	)
	for _, tc := range []struct {
		name, email string
		want        []samspelv1.ExportKind
	}{
		{"the administrator may make all three", demo.Admin.Email, []samspelv1.ExportKind{archive, handover, personal}},
		{"the chair may make the handover dossier and a personal export", demo.Chair.Email, []samspelv1.ExportKind{handover, personal}},
		{"the director may make the handover dossier and a personal export", demo.Director.Email, []samspelv1.ExportKind{handover, personal}},
		{"staff without the registrar permission may make only a personal export", demo.Staff.Email, []samspelv1.ExportKind{personal}},
		{"an opposition politician may make only a personal export", demo.Opposition.Email, []samspelv1.ExportKind{personal}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := samspelv1.NewExportServiceClient(s.Conn).GetExportKinds(apptest.Bearer(ctx, s.Token(t, tc.email)), &samspelv1.GetExportKindsRequest{TermId: term})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(resp.Kinds, tc.want) {
				t.Errorf("got %v, want %v", resp.Kinds, tc.want)
			}
		})
	}
	t.Run("staff given the registrar permission may make the archive package too", func(t *testing.T) {
		p, _ := s.Store.PersonByEmail(ctx, demo.Staff.Email)
		if err := s.Store.SetRegistrar(ctx, store.Actor{}, p.ID, 1, true); err != nil {
			t.Fatal(err)
		}
		resp, err := samspelv1.NewExportServiceClient(s.Conn).GetExportKinds(apptest.Bearer(ctx, s.Token(t, demo.Staff.Email)), &samspelv1.GetExportKindsRequest{TermId: term})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(resp.Kinds, archive) {
			t.Errorf("got %v", resp.Kinds)
		}
	})
}

// TestHandoverOppositionOverTheAPI: the director's dossier of the current term lists the
// questions still unanswered, but of a budget-work question the party has not released
// only says that it exists, since the chair reads the dossier too.
func TestHandoverOppositionOverTheAPI(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	opp, err := s.Store.PersonByEmail(ctx, demo.Opposition.Email)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "Vad kostar en fjärde förskoleavdelning i Norrby? (matris)"
	if _, err := s.Store.AskQuestion(ctx, store.Actor{PersonID: opp.ID}, 1, secret, true); err != nil {
		t.Fatal(err)
	}
	term, err := s.Store.FindTerm(ctx, 1, "2026-2030")
	if err != nil {
		t.Fatal(err)
	}
	director := apptest.Bearer(ctx, s.Token(t, demo.Director.Email))
	_, b, _, err := download(t, director, s, &samspelv1.ExportTermRequest{TermId: term.TermID, Kind: samspelv1.ExportKind_EXPORT_KIND_HANDOVER})
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"Obesvarade frågor:", "Hur mycket har energikostnaderna", "1 obesvarade frågor gäller budgetarbetet", "Öppna luckor i paritetsregistret"} {
		if !strings.Contains(html, want) {
			t.Errorf("the dossier lacks %q", want)
		}
	}
	if strings.Contains(html, secret) {
		t.Error("the dossier shows a budget-work question its party has not released")
	}
}
