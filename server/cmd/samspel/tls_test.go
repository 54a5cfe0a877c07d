package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// TestServeWithItsOwnCertificate runs `samspel serve --tls-cert --tls-key` as a process and
// speaks to it as phones and scripts do: native gRPC over TLS, grpc-web over HTTPS with
// HTTP/1.1, and the app itself with HSTS. A renewed certificate is served without a restart.
func TestServeWithItsOwnCertificate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	first := writeCert(t, certFile, keyFile, 1)
	roots := x509.NewCertPool()
	roots.AddCert(first)

	addr := freeAddr(t)
	base := "https://localhost:" + addr[len("127.0.0.1:"):]
	https := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	cmd := startServe(t, https, base, "--demo", "--data", dir, "--listen", addr, "--tls-cert", certFile, "--tls-key", keyFile)
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	t.Run("the app is served over HTTPS with HSTS", func(t *testing.T) {
		res, err := https.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Strict-Transport-Security") == "" {
			t.Fatalf("GET / over HTTPS: %d, HSTS %q", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
		}
	})

	var out bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--data", dir, "--user", demo.Chair.Email}, &out, &out); err != nil {
		t.Fatal(err)
	}
	token := tokenLine.FindStringSubmatch(out.String())[2]
	ctx := apptest.Bearer(context.Background(), token)

	t.Run("native gRPC over TLS", func(t *testing.T) {
		conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{RootCAs: roots, ServerName: "localhost"})))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		h, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
			t.Fatalf("health over TLS: %v %v", h, err)
		}
		me, err := samspelv1.NewAuthServiceClient(conn).GetMe(ctx, &samspelv1.GetMeRequest{})
		if err != nil || me.GetMe().GetPerson().GetEmail() != demo.Chair.Email {
			t.Fatalf("GetMe over TLS: %v %v", me, err)
		}
	})

	t.Run("grpc-web over HTTPS with HTTP/1.1", func(t *testing.T) {
		// An empty TLSNextProto keeps the client on HTTP/1.1, as older proxies and phones do.
		h1 := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}, TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}}}
		var me samspelv1.GetMeResponse
		res, err := apptest.GRPCWebAt(context.Background(), h1, base, samspelv1.AuthService_GetMe_FullMethodName, &samspelv1.GetMeRequest{}, &me, http.Header{"Authorization": {"Bearer " + token}})
		if err != nil || res.Status.Err() != nil || res.Proto != "HTTP/1.1" {
			t.Fatalf("grpc-web over HTTPS: %+v %v", res, err)
		}
		if me.GetMe().GetPerson().GetEmail() != demo.Chair.Email {
			t.Fatalf("grpc-web GetMe answered %v", me.GetMe().GetPerson())
		}
	})

	t.Run("a renewed certificate is served without a restart", func(t *testing.T) {
		time.Sleep(10 * time.Millisecond) // a new modification time, even on coarse clocks
		renewed := writeCert(t, certFile, keyFile, 2)
		roots.AddCert(renewed)
		conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots, ServerName: "localhost"})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if got := conn.ConnectionState().PeerCertificates[0].SerialNumber; got.Cmp(renewed.SerialNumber) != 0 {
			t.Fatalf("served certificate serial %v, want the renewed %v", got, renewed.SerialNumber)
		}
	})
}

// writeCert writes a self-signed certificate for localhost with the given serial.
func writeCert(t *testing.T, certFile, keyFile string, serial int64) *x509.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	// The key first: the server reloads when the certificate file changes.
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}
