package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// BehindProxies makes the client's own address the request's RemoteAddr when the request
// came through one of the trusted reverse proxies, so that rate limits, the audit log and
// gRPC's peer see the person and not the proxy. Everything below reads RemoteAddr (gRPC's
// ServeHTTP turns it into the peer address), so this is the one place that decides.
//
// X-Forwarded-For is read from the right: each trusted proxy appends the address it was
// connected from, so the right-most address that is not a trusted proxy is the client.
// Anything left of it was written by the client and could be anything. A request straight
// from an untrusted address keeps its address, whatever headers it carries.
func BehindProxies(h http.Handler, trusted []netip.Prefix) http.Handler {
	if len(trusted) == 0 {
		return h
	}
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, port, err := net.SplitHostPort(r.RemoteAddr)
		peer, perr := netip.ParseAddr(host)
		if err != nil || perr != nil || !isTrusted(peer) {
			h.ServeHTTP(w, r)
			return
		}
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a malformed hop: nothing left of it can be trusted either
			}
			if !isTrusted(a) {
				r = r.WithContext(r.Context()) // a shallow copy; the caller's request stays as it was
				r.RemoteAddr = net.JoinHostPort(a.Unmap().String(), port)
				break
			}
		}
		h.ServeHTTP(w, r)
	})
}

// ParsePrefixes reads a comma-separated list of addresses and networks ("10.0.0.0/8,
// 192.0.2.7"); a bare address is a network of one.
func ParsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
