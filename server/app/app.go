// Package app wires Samspel together: store, gRPC services and the HTTP handler. The
// samspel command and the tests build the very same thing through New.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/samspel/samspel/pwa"
	"github.com/samspel/samspel/server/api"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/calendar"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/idp"
	"github.com/samspel/samspel/server/metrics"
	"github.com/samspel/samspel/server/store"
	"github.com/samspel/samspel/server/web"
)

// Config is what a Samspel instance needs to start.
type Config struct {
	DataDir   string
	PublicURL string // where people reach Samspel; invite links begin with it
	Demo      bool   // seed the demo organisation on first start
	Log       *slog.Logger
	StoreOpts []store.Option
	// OIDC lists the organisations' identity providers (checked by idp.Check); empty
	// means passkeys and invites only.
	OIDC []idp.Provider
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client;
	// empty means clients connect directly.
	TrustedProxies []netip.Prefix
}

// App is a running Samspel without its listener.
type App struct {
	Store   *store.Store
	GRPC    *api.Server
	IdP     *idp.Service
	Handler http.Handler
	metrics *metrics.Metrics
	stop    context.CancelFunc
	done    chan struct{}
}

// New opens the store, seeds the demo if asked, and builds the handler.
func New(ctx context.Context, cfg Config) (*App, error) {
	st, err := store.Open(ctx, cfg.DataDir, cfg.StoreOpts...)
	if err != nil {
		return nil, err
	}
	if cfg.Demo {
		seeded, err := demo.Seed(ctx, st)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("seed demo: %w", err)
		}
		if seeded {
			cfg.Log.Info("seeded the demo organisation", "name", demo.OrganizationName)
		}
	}
	m := metrics.New()
	for name, db := range st.Pools() {
		m.WatchDB(name, db)
	}
	// One limiter per kind of key, shared by gRPC and the OIDC callback, so a client
	// cannot double its attempts by switching between them.
	clients, accounts := auth.NewLimiter(auth.ClientLimit), auth.NewLimiter(auth.AccountLimit)
	passkeys, err := auth.NewPasskeys(st, cfg.PublicURL, accounts)
	if err != nil {
		st.Close()
		return nil, err
	}
	providers := idp.New(st, cfg.Log, cfg.PublicURL, cfg.OIDC, clients, accounts)
	gs, err := api.NewServer(st, cfg.Log, cfg.PublicURL, api.Identity{Passkeys: passkeys, IdP: providers, Clients: clients},
		grpc.ChainUnaryInterceptor(m.Unary), grpc.ChainStreamInterceptor(m.Stream))
	if err != nil {
		st.Close()
		return nil, err
	}
	watchCtx, stop := context.WithCancel(context.Background())
	// Calendar subscriptions are plain GETs (calendar apps speak no gRPC) in front of the rest.
	handler := calendar.Mount(web.NewHandler(gs.Server, pwa.FS(), st, m.Handler(), web.Route{Path: idp.CallbackPath, Handler: providers}), st, cfg.PublicURL, cfg.Log)
	handler = web.BehindProxies(handler, cfg.TrustedProxies)
	a := &App{Store: st, GRPC: gs, IdP: providers, Handler: handler, metrics: m, stop: stop, done: make(chan struct{})}
	go a.watchHealth(watchCtx)
	return a, nil
}

// watchHealth keeps grpc.health.v1 in step with the database, so a load balancer stops
// sending traffic to an instance whose storage has gone away.
func (a *App) watchHealth(ctx context.Context) {
	defer close(a.done)
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		a.CheckHealth(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// CheckHealth pings the database once and sets the gRPC health status to match.
func (a *App) CheckHealth(ctx context.Context) {
	st := healthpb.HealthCheckResponse_SERVING
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	start := time.Now()
	if err := a.Store.Ping(pctx); err != nil && ctx.Err() == nil {
		st = healthpb.HealthCheckResponse_NOT_SERVING
	}
	a.metrics.ObservePing(time.Since(start))
	a.GRPC.Health.SetServingStatus("", st)
}

// Close stops the health watcher and closes the database. Call it after the HTTP server
// has finished its in-flight requests.
func (a *App) Close() error {
	a.stop()
	<-a.done
	a.GRPC.Health.Shutdown()
	return a.Store.Close()
}
