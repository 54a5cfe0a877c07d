package metrics_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

func TestMetricsCountRPCsWithoutPersonalData(t *testing.T) {
	s := apptest.Start(t)
	ctx := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	if _, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(ctx, &samspelv1.GetMeRequest{}); err != nil {
		t.Fatal(err)
	}
	// A streaming call is counted too, with the code it ended with.
	stream, err := samspelv1.NewExportServiceClient(s.Conn).ExportTerm(ctx, &samspelv1.ExportTermRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("an export without a term: %v", err)
	}
	res, err := http.Get(s.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	text := string(body)
	for _, want := range []string{
		`samspel_rpc_total{code="OK",method="/samspel.v1.AuthService/GetMe"} 1`,
		`samspel_rpc_duration_seconds_bucket{method="/samspel.v1.AuthService/GetMe"`,
		`go_sql_wait_duration_seconds_total{db_name="writer"}`,
		`samspel_db_ping_seconds_count`,
		`samspel_rpc_total{code="InvalidArgument",method="/samspel.v1.ExportService/ExportTerm"} 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, secret := range []string{demo.Chair.Email, demo.Chair.Name, "user_id"} {
		if strings.Contains(text, secret) {
			t.Errorf("/metrics shows %q", secret)
		}
	}
}
