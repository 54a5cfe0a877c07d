// Package metrics exposes what an IT department watches: RPC counts and latencies by
// method and code, and database pool and ping timings. Labels never carry personal data:
// no user ids, no request content.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
)

// Metrics holds Samspel's collectors in a registry of its own, so tests can run many
// servers in one process.
type Metrics struct {
	reg     *prometheus.Registry
	rpcs    *prometheus.CounterVec
	latency *prometheus.HistogramVec
	ping    prometheus.Histogram
}

// New makes the collectors, with the Go runtime's and the process's own.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		rpcs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "samspel_rpc_total", Help: "RPCs handled, by full method and gRPC code.",
		}, []string{"method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "samspel_rpc_duration_seconds",
			Help:    "Time to handle an RPC (a streaming one: to its last message), by full method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10, 60},
		}, []string{"method"}),
		ping: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "samspel_db_ping_seconds",
			Help:    "Time for the database to answer the health check's query.",
			Buckets: []float64{.0001, .0005, .001, .005, .01, .05, .1, .5, 1, 2},
		}),
	}
	m.reg.MustRegister(m.rpcs, m.latency, m.ping,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// WatchDB adds the connection pool statistics of a database handle, such as how long
// callers waited for the single writer connection.
func (m *Metrics) WatchDB(name string, db *sql.DB) {
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// ObservePing records one database health ping.
func (m *Metrics) ObservePing(d time.Duration) { m.ping.Observe(d.Seconds()) }

// Unary counts and times every unary RPC.
func (m *Metrics) Unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	start := time.Now()
	resp, err := handler(ctx, req)
	m.observe(info.FullMethod, start, err)
	return resp, err
}

// Stream counts and times every streaming RPC from its start to its last message, so a
// term export shows up with how long it took and how it ended.
func (m *Metrics) Stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	start := time.Now()
	err := handler(srv, ss)
	m.observe(info.FullMethod, start, err)
	return err
}

func (m *Metrics) observe(method string, start time.Time, err error) {
	m.latency.WithLabelValues(method).Observe(time.Since(start).Seconds())
	m.rpcs.WithLabelValues(method, status.Code(err).String()).Inc()
}

// Handler serves the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
