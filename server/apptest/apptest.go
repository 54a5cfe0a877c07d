// Package apptest starts a real Samspel (real SQLite file, real HTTP server on a
// loopback port) for tests in other packages, and speaks to it over native gRPC and
// grpc-web. It is test support only: nothing in the product imports it.
package apptest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/app"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/store"
)

// Server is a running Samspel for one test.
type Server struct {
	*app.App
	URL     string // http://localhost:PORT: passkeys need a host name, not an IP address
	DataDir string
	Conn    *grpc.ClientConn // native gRPC over cleartext HTTP/2
	http    *httptest.Server
	stop    sync.Once
}

// Start starts Samspel with the demo organisation on a fresh data directory, and stops
// it when the test ends.
func Start(t testing.TB, opts ...store.Option) *Server {
	t.Helper()
	dir := t.TempDir()
	return StartIn(t, dir, opts...)
}

// StartIn starts Samspel on an existing data directory.
func StartIn(t testing.TB, dir string, opts ...store.Option) *Server {
	t.Helper()
	return StartWith(t, Options{DataDir: dir, StoreOpts: opts})
}

// Options adjust a test server beyond the defaults of Start.
type Options struct {
	DataDir   string // empty: a fresh temporary directory
	StoreOpts []store.Option
	// Configure, if set, changes the configuration before the server starts (to add
	// identity providers, say). PublicURL is already set to the server's own URL.
	Configure func(*app.Config)
}

// StartWith starts Samspel with the demo organisation as o says.
func StartWith(t testing.TB, o Options) *Server {
	t.Helper()
	dir, opts := o.DataDir, o.StoreOpts
	if dir == "" {
		dir = t.TempDir()
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	}
	hs := httptest.NewUnstartedServer(nil)
	_, port, _ := net.SplitHostPort(hs.Listener.Addr().String())
	url := "http://localhost:" + port
	cfg := app.Config{DataDir: dir, PublicURL: url, Demo: true, Log: log, StoreOpts: opts}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	a, err := app.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("start samspel: %v", err)
	}
	var p http.Protocols
	p.SetHTTP1(true)
	p.SetUnencryptedHTTP2(true)
	hs.Config.Handler = a.Handler
	hs.Config.Protocols = &p
	hs.Start()
	conn, err := grpc.NewClient("passthrough:///"+hs.Listener.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{App: a, URL: url, DataDir: dir, Conn: conn, http: hs}
	t.Cleanup(s.Stop)
	return s
}

// Stop shuts the server down as an operator would before touching its disk: connections
// first, then the database. The test's cleanup calls it too; the second call does nothing.
func (s *Server) Stop() {
	s.stop.Do(func() {
		s.Conn.Close()
		s.http.Close()
		s.App.Close()
	})
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// Token creates a personal access token for the person with this e-mail address.
func (s *Server) Token(t testing.TB, email string) string {
	t.Helper()
	secret, hash := auth.NewSecret(auth.PrefixToken)
	if _, err := s.Store.CreateToken(context.Background(), email, hash, time.Hour); err != nil {
		t.Fatalf("token for %s: %v", email, err)
	}
	return secret
}

// Invite creates an invite link for a role in the demo organisation (id 1).
func (s *Server) Invite(t testing.TB, email string, role int32, party string) string {
	t.Helper()
	org := int64(1)
	if role == store.RoleAdmin {
		org = 0
	}
	url, _, err := auth.CreateInvite(context.Background(), s.Store, store.Actor{}, s.URL, store.Invite{Email: email, Role: role, OrganizationID: org, Party: party})
	if err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	return url
}

// Bearer returns a context that authenticates native gRPC calls with token.
func Bearer(ctx context.Context, token string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
}

// WebResult is what a grpc-web call returned.
type WebResult struct {
	HTTPStatus int
	Proto      string // "HTTP/1.1" or "HTTP/2.0"
	Header     http.Header
	Status     *status.Status
}

// GRPCWeb calls method (e.g. "/samspel.v1.AuthService/GetMe") over grpc-web as a browser
// does: an HTTP/1.1 POST of application/grpc-web+proto. It decodes the response message
// into resp and the status from the trailers (or from the headers for trailers-only).
func (s *Server) GRPCWeb(ctx context.Context, method string, req, resp proto.Message, header http.Header) (WebResult, error) {
	return s.GRPCWebWith(ctx, http.DefaultClient, method, req, resp, header)
}

// H2CClient is an HTTP client that speaks only cleartext HTTP/2, as a browser behind an
// HTTP/2 proxy would reach Samspel.
func H2CClient() *http.Client {
	var p http.Protocols
	p.SetUnencryptedHTTP2(true)
	return &http.Client{Transport: &http.Transport{Protocols: &p}}
}

// GRPCWebWith is GRPCWeb over the given HTTP client.
func (s *Server) GRPCWebWith(ctx context.Context, client *http.Client, method string, req, resp proto.Message, header http.Header) (WebResult, error) {
	return GRPCWebAt(ctx, client, s.URL, method, req, resp, header)
}

// GRPCWebAt is GRPCWeb to a Samspel at base (such as https://localhost:PORT) that this
// package did not start.
func GRPCWebAt(ctx context.Context, client *http.Client, base, method string, req, resp proto.Message, header http.Header) (WebResult, error) {
	body, err := proto.Marshal(req)
	if err != nil {
		return WebResult{}, err
	}
	frame := make([]byte, 5+len(body))
	binary.BigEndian.PutUint32(frame[1:5], uint32(len(body)))
	copy(frame[5:], body)
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, base+method, bytes.NewReader(frame))
	if err != nil {
		return WebResult{}, err
	}
	for k, v := range header {
		hr.Header[k] = v
	}
	hr.Header.Set("Content-Type", "application/grpc-web+proto")
	hr.Header.Set("X-Grpc-Web", "1")
	res, err := client.Do(hr)
	if err != nil {
		return WebResult{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return WebResult{}, err
	}
	out := WebResult{HTTPStatus: res.StatusCode, Proto: res.Proto, Header: res.Header}
	trailers := http.Header{}
	for k, v := range res.Header {
		trailers[k] = v
	}
	for len(raw) >= 5 {
		flag, n := raw[0], binary.BigEndian.Uint32(raw[1:5])
		if int(n) > len(raw)-5 {
			return out, fmt.Errorf("grpc-web: short frame")
		}
		payload := raw[5 : 5+n]
		raw = raw[5+n:]
		if flag&0x80 != 0 {
			tp := textproto.NewReader(bufioReader(payload))
			mh, _ := tp.ReadMIMEHeader()
			for k, v := range mh {
				trailers[k] = v
			}
			continue
		}
		if resp != nil {
			if err := proto.Unmarshal(payload, resp); err != nil {
				return out, err
			}
		}
	}
	code, _ := strconv.Atoi(trailers.Get("Grpc-Status"))
	msg := trailers.Get("Grpc-Message")
	if um, err := urlUnescape(msg); err == nil {
		msg = um
	}
	st := status.New(codes.Code(code), msg)
	if bin := trailers.Get("Grpc-Status-Details-Bin"); bin != "" {
		if b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(bin, "=")); err == nil {
			var p spb.Status
			if proto.Unmarshal(b, &p) == nil {
				st = status.FromProto(&p)
			}
		}
	}
	out.Status = st
	return out, nil
}
