package main

import (
	"crypto/tls"
	"fmt"
	"os"
	"sync"
	"time"
)

// certFiles serves the certificate in a pair of PEM files and reads them again when the
// certificate file changes, so a renewed certificate (every 60-90 days with ACME) is picked
// up without restarting Samspel. A pair that fails to load keeps the last good one.
type certFiles struct {
	cert, key string

	mu      sync.Mutex
	modTime time.Time
	current *tls.Certificate
}

func loadCertFiles(cert, key string) (*certFiles, error) {
	c := &certFiles{cert: cert, key: key}
	if _, err := c.get(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *certFiles) get() (*tls.Certificate, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fi, err := os.Stat(c.cert)
	if err == nil && (c.current == nil || !fi.ModTime().Equal(c.modTime)) {
		pair, lerr := tls.LoadX509KeyPair(c.cert, c.key)
		if lerr == nil {
			c.current, c.modTime = &pair, fi.ModTime()
		}
		err = lerr
	}
	if c.current == nil {
		return nil, fmt.Errorf("TLS certificate %s with key %s: %w", c.cert, c.key, err)
	}
	return c.current, nil
}

func (c *certFiles) config() *tls.Config {
	return &tls.Config{
		MinVersion:     tls.VersionTLS12,
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return c.get() },
	}
}
