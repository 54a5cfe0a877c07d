package api

import (
	"bufio"
	"context"
	"fmt"
	"strconv"

	"github.com/samspel/samspel/server/export"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type exportService struct {
	samspelv1.UnimplementedExportServiceServer
	*deps
}

// chunkSize is the most bytes one response carries; a bufio.Writer of this size in
// front of the stream fills each chunk, and gRPC's flow control holds the writer back
// while the client is slow, so memory stays flat whatever the package's size.
const chunkSize = 64 << 10

type chunkWriter struct {
	stream samspelv1.ExportService_ExportTermServer
}

func (c chunkWriter) Write(b []byte) (int, error) {
	written := 0
	for len(b) > 0 {
		n := min(len(b), chunkSize)
		// Send marshals the message before it returns, so b may be reused after it.
		if err := c.stream.Send(&samspelv1.ExportTermResponse{Part: &samspelv1.ExportTermResponse_Chunk{Chunk: b[:n]}}); err != nil {
			return written, err
		}
		written += n
		b = b[n:]
	}
	return written, nil
}

// exportTerm finds the term the caller asks for; outsiders get NotFound, since they may
// not learn that the organisation exists.
func (s *exportService) exportTerm(ctx context.Context, termID int64) (store.ArchiveTerm, error) {
	term, err := s.store.FindTerm(ctx, 0, strconv.FormatInt(termID, 10))
	if err != nil {
		return term, err
	}
	_, err = s.store.Organization(ctx, caller(ctx).viewer(), term.OrganizationID)
	return term, err
}

// mayExport is the one rule of who may export what of a term.
func (s *exportService) mayExport(ctx context.Context, term store.ArchiveTerm, kind samspelv1.ExportKind) (bool, error) {
	p := caller(ctx)
	switch kind {
	case samspelv1.ExportKind_EXPORT_KIND_ARCHIVE:
		return s.store.MayExportArchive(ctx, p.person.ID, term.OrganizationID)
	case samspelv1.ExportKind_EXPORT_KIND_HANDOVER:
		return s.store.MayExportHandover(ctx, p.person.ID, term)
	case samspelv1.ExportKind_EXPORT_KIND_PERSONAL:
		// Everyone in the organisation may export their own records.
		return true, nil
	}
	return false, nil
}

func (s *exportService) GetExportKinds(ctx context.Context, req *samspelv1.GetExportKindsRequest) (*samspelv1.GetExportKindsResponse, error) {
	term, err := s.exportTerm(ctx, req.TermId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.GetExportKindsResponse{}
	for _, k := range []samspelv1.ExportKind{samspelv1.ExportKind_EXPORT_KIND_ARCHIVE, samspelv1.ExportKind_EXPORT_KIND_HANDOVER, samspelv1.ExportKind_EXPORT_KIND_PERSONAL} {
		may, err := s.mayExport(ctx, term, k)
		if err != nil {
			return nil, s.status(ctx, err)
		}
		if may {
			resp.Kinds = append(resp.Kinds, k)
		}
	}
	return resp, nil
}

func (s *exportService) ExportTerm(req *samspelv1.ExportTermRequest, stream samspelv1.ExportService_ExportTermServer) error {
	ctx := stream.Context()
	p := caller(ctx)
	term, err := s.exportTerm(ctx, req.TermId)
	if err != nil {
		return s.status(ctx, err)
	}
	may, err := s.mayExport(ctx, term, req.Kind)
	if err != nil {
		return s.status(ctx, err)
	}
	if !may {
		return s.status(ctx, store.ErrPermission)
	}
	header := &samspelv1.ExportFileHeader{}
	switch req.Kind {
	case samspelv1.ExportKind_EXPORT_KIND_ARCHIVE:
		header.FileName = fmt.Sprintf("samspel-arkiv-%d-%s.zip", term.OrganizationID, term.Years())
		header.ContentType = "application/zip"
	case samspelv1.ExportKind_EXPORT_KIND_HANDOVER:
		header.FileName = fmt.Sprintf("overlamning-%d-%s.html", term.OrganizationID, term.Years())
		header.ContentType = "text/html"
	default:
		header.FileName = fmt.Sprintf("samspel-personlig-%d-%s.zip", term.OrganizationID, term.Years())
		header.ContentType = "application/zip"
	}
	if err := stream.Send(&samspelv1.ExportTermResponse{Part: &samspelv1.ExportTermResponse_Header{Header: header}}); err != nil {
		return err
	}
	w := bufio.NewWriterSize(chunkWriter{stream: stream}, chunkSize)
	switch req.Kind {
	case samspelv1.ExportKind_EXPORT_KIND_HANDOVER:
		err = s.store.WriteHandover(ctx, w, term, p.actor())
	case samspelv1.ExportKind_EXPORT_KIND_PERSONAL:
		_, err = s.store.WritePersonalExport(ctx, w, term, p.person, p.actor(), export.SoftwareVersion())
	default:
		_, err = s.store.WriteTermArchive(ctx, w, store.ArchiveRequest{
			Term: term, Actor: p.actor(), ContactName: p.person.DisplayName, SoftwareVersion: export.SoftwareVersion(),
		})
	}
	if err == nil {
		err = w.Flush()
	}
	return s.status(ctx, err)
}
