// Command samspel runs Samspel: the server, and the few chores an operator does from a
// shell (tokens, invites). Run "samspel help" for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // "today" means today in Sweden, also on hosts without tzdata

	"github.com/samspel/samspel/server/app"
	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/idp"
	"github.com/samspel/samspel/server/store"
	"github.com/samspel/samspel/server/web"
)

const usage = `Samspel: the chair's and the director's shared tool.

Usage:
  samspel [serve] [--listen 127.0.0.1:8080] [--data ./data] [--demo] [--public-url URL]
                 [--oidc-config FILE | --oidc-issuer URL --oidc-client-id ID [--oidc-client-secret-file FILE] [--oidc-name NAME]]
  samspel token create --data DIR --user EMAIL [--ttl 720h]
  samspel token revoke --data DIR --token-id ID
  samspel invite --data DIR --email EMAIL --role ROLE [--org ID] [--party NAME] [--public-url URL]
  samspel backup --data DIR --out FILE      a consistent copy, also while serving
  samspel restore --data DIR FILE           replaces the database; only while stopped
  samspel export --data DIR --term TERM --kind archive|handover|personal --user EMAIL --out FILE
                                            a term's archive package (E-ARK SIP, ZIP), handover dossier (HTML)
                                            or the user's personal export (ZIP);
                                            TERM is an id or its years, e.g. 2022-2026
  samspel import --data DIR FILE            loads an archive package into an empty database
  samspel registrar --data DIR --user EMAIL --org ID [--revoke]
                                            lets a STAFF member export the archive

Roles: CHAIR, DIRECTOR, MAJORITY, OPPOSITION (needs --party), STAFF, ADMIN.
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "samspel:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "token":
		if len(args) == 0 {
			return errors.New("token: say create or revoke")
		}
		switch args[0] {
		case "create":
			return tokenCreate(ctx, args[1:], stdout)
		case "revoke":
			return tokenRevoke(ctx, args[1:], stdout)
		}
		return fmt.Errorf("token: unknown subcommand %q", args[0])
	case "invite":
		return invite(ctx, args, stdout)
	case "backup":
		return backup(ctx, args, stdout)
	case "restore":
		return restore(ctx, args, stdout)
	case "export":
		return exportCmd(ctx, args, stdout)
	case "import":
		return importCmd(ctx, args, stdout)
	case "registrar":
		return registrarCmd(ctx, args, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on")
	data := fs.String("data", "./data", "directory holding samspel.db")
	demoFlag := fs.Bool("demo", false, "seed the demo organisation on first start")
	publicURL := fs.String("public-url", "", "URL people use to reach Samspel (default http://localhost:PORT); passkeys are bound to its host")
	proxies := fs.String("trusted-proxy", "", "comma-separated addresses or networks of reverse proxies whose X-Forwarded-For names the client")
	tlsCert := fs.String("tls-cert", "", "PEM certificate chain: serve HTTPS (HTTP/2 and HTTP/1.1) yourself instead of behind a proxy")
	tlsKey := fs.String("tls-key", "", "PEM private key for --tls-cert")
	oidcFlags := addOIDCFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	trusted, err := web.ParsePrefixes(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxy: %w", err)
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	var certs *certFiles
	if *tlsCert != "" {
		if certs, err = loadCertFiles(*tlsCert, *tlsKey); err != nil {
			return err
		}
	}
	providers, err := oidcFlags.providers()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	unlock, err := store.LockDir(*data)
	if err != nil {
		return err
	}
	defer unlock()
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	if *publicURL == "" {
		scheme := "http"
		if certs != nil {
			scheme = "https"
		}
		*publicURL = scheme + "://localhost:" + portOf(ln.Addr())
	}
	a, err := app.New(ctx, app.Config{DataDir: *data, PublicURL: *publicURL, Demo: *demoFlag, Log: log, OIDC: providers, TrustedProxies: trusted})
	if err != nil {
		ln.Close()
		return err
	}
	if err := offerFirstAdmin(ctx, a.Store, *publicURL, stdout); err != nil {
		a.Close()
		ln.Close()
		return err
	}
	var protocols http.Protocols
	protocols.SetHTTP1(true)
	if certs != nil {
		protocols.SetHTTP2(true)
	} else {
		protocols.SetUnencryptedHTTP2(true)
	}
	srv := &http.Server{
		Handler:           a.Handler,
		Protocols:         &protocols,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		// No WriteTimeout: it would cut server-streaming RPCs.
	}
	sigCtx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	if certs != nil {
		srv.TLSConfig = certs.config()
		go func() { errc <- srv.ServeTLS(ln, "", "") }()
	} else {
		go func() { errc <- srv.Serve(ln) }()
	}
	log.Info("samspel serving", "addr", ln.Addr().String(), "url", *publicURL, "data", *data)
	for _, p := range providers {
		// The provider as configured, secret redacted by its type.
		log.Info("oidc provider", "id", p.ID, "issuer", p.Issuer, "client_id", p.ClientID, "client_secret", p.ClientSecret,
			"redirect_uri", strings.TrimRight(*publicURL, "/")+idp.CallbackPath)
	}
	select {
	case err := <-errc:
		a.Close()
		return err
	case <-sigCtx.Done():
	}
	log.Info("shutting down: finishing in-flight calls")
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = srv.Shutdown(shutCtx)
	a.GRPC.Stop()
	return errors.Join(err, a.Close())
}

func portOf(addr net.Addr) string {
	_, port, _ := net.SplitHostPort(addr.String())
	return port
}

// offerFirstAdmin prints a one-time link for the first administrator of an empty
// installation; otherwise nobody could ever sign in.
func offerFirstAdmin(ctx context.Context, st *store.Store, publicURL string, stdout io.Writer) error {
	n, err := st.CountPeople(ctx)
	if err != nil || n > 0 {
		return err
	}
	url, expires, err := auth.CreateInvite(ctx, st, store.Actor{ClientIP: "cli"}, publicURL, store.Invite{Email: "admin@localhost", Role: store.RoleAdmin})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "No one can sign in yet. Open this link to become the first administrator (valid until %s):\n%s\n",
		expires.Local().Format("2006-01-02 15:04"), url)
	return nil
}

func tokenCreate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	user := fs.String("user", "", "e-mail address of the person the token acts as")
	ttl := fs.Duration("ttl", 720*time.Hour, "how long the token lives")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *user == "" || *ttl <= 0 {
		return errors.New("token create: --user is required and --ttl must be positive")
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	secret, hash := auth.NewSecret(auth.PrefixToken)
	id, err := st.CreateToken(ctx, strings.ToLower(*user), hash, *ttl)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("token create: no person with e-mail %s", *user)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "token id %d; send it as the metadata 'authorization: Bearer TOKEN'. It is shown only once:\n%s\n", id, secret)
	return nil
}

func tokenRevoke(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("token revoke", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	id := fs.Int64("token-id", 0, "id printed by token create")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RevokeToken(ctx, *id); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("token revoke: no live token with id %d", *id)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "token %d revoked\n", *id)
	return nil
}

func invite(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("invite", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	email := fs.String("email", "", "the person's e-mail address")
	roleName := fs.String("role", "", "CHAIR, DIRECTOR, MAJORITY, OPPOSITION, STAFF or ADMIN")
	org := fs.Int64("org", 0, "organisation id (default: the only organisation)")
	party := fs.String("party", "", "party, for OPPOSITION")
	publicURL := fs.String("public-url", "http://localhost:8080", "URL people use to reach Samspel")
	if err := fs.Parse(args); err != nil {
		return err
	}
	role, ok := samspelv1.Role_value["ROLE_"+strings.ToUpper(*roleName)]
	if !ok || role == 0 {
		return fmt.Errorf("invite: unknown role %q", *roleName)
	}
	if *email == "" || !strings.Contains(*email, "@") {
		return errors.New("invite: --email is required")
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	if *org == 0 && role != store.RoleAdmin {
		orgs, _, err := st.ListOrganizations(ctx, store.Viewer{Admin: true}, store.Page{Size: 2})
		if err != nil {
			return err
		}
		if len(orgs) != 1 {
			return errors.New("invite: say which organisation with --org")
		}
		*org = orgs[0].ID
	}
	url, expires, err := auth.CreateInvite(ctx, st, store.Actor{ClientIP: "cli"}, *publicURL,
		store.Invite{Email: strings.ToLower(*email), Role: role, OrganizationID: *org, Party: *party})
	var inv *store.InvalidError
	if errors.As(err, &inv) {
		return fmt.Errorf("invite: %s", inv.Error())
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "One-time sign-in link for %s, valid until %s:\n%s\n", *email, expires.Local().Format("2006-01-02 15:04"), url)
	return nil
}

func backup(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	out := fs.String("out", "", "file to write the copy to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: --out is required")
	}
	if err := store.Backup(ctx, *data, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *out)
	return nil
}

func restore(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("restore: name the backup file: samspel restore --data DIR FILE")
	}
	kept, err := store.Restore(ctx, *data, fs.Arg(0))
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", fs.Arg(0), *data)
	if kept != "" {
		fmt.Fprintf(stdout, "the replaced database is kept as %s\n", kept)
	}
	return nil
}
