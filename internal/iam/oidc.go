package iam

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/strata-storage/strata/internal/meta"
)

// OIDCProvider is an OpenID Connect identity provider an account trusts
// (the IAM resource; AssumeRoleWithWebIdentity against it is not served).
type OIDCProvider struct {
	Account     string    `json:"account"`
	URL         string    `json:"url"`
	ClientIDs   []string  `json:"client_ids"`
	Thumbprints []string  `json:"thumbprints"`
	Created     time.Time `json:"created"`
}

// Host is the provider URL without its scheme: the ARN's resource part.
func (o OIDCProvider) Host() string {
	h := o.URL
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	return h
}

// CreateOIDCProvider registers a provider.
func (s *Store) CreateOIDCProvider(ctx context.Context, account, rawURL string, clientIDs, thumbprints []string) (OIDCProvider, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return OIDCProvider{}, validationError("Invalid provider URL %q", rawURL)
	}
	for _, t := range thumbprints {
		if len(t) != 40 {
			return OIDCProvider{}, validationError("Thumbprint %q must be 40 hex characters", t)
		}
	}
	o := OIDCProvider{Account: account, URL: rawURL, ClientIDs: clientIDs, Thumbprints: thumbprints, Created: s.now().UTC()}
	err = s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		if err := s.needAccount(tx, account); err != nil {
			return err
		}
		var old OIDCProvider
		if found, err := getJSON(tx, oidcKey(account, o.Host()), &old); err != nil || found {
			if err == nil {
				err = alreadyExists("Provider with url %s already exists.", rawURL)
			}
			return err
		}
		return setJSON(tx, touch, oidcKey(account, o.Host()), o)
	})
	return o, err
}

// GetOIDCProvider reads a provider by its host part.
func (s *Store) GetOIDCProvider(ctx context.Context, account, host string) (OIDCProvider, error) {
	return getOne[OIDCProvider](ctx, s.eng, oidcKey(account, host), "OpenIDConnect provider not found for arn "+host)
}

// ListOIDCProviders lists an account's providers.
func (s *Store) ListOIDCProviders(ctx context.Context, account string) ([]OIDCProvider, error) {
	return listJSON[OIDCProvider](ctx, s.eng, []byte(prefix+"o/"+account+"/"))
}

// DeleteOIDCProvider removes a provider.
func (s *Store) DeleteOIDCProvider(ctx context.Context, account, host string) error {
	return s.EditOIDCProvider(ctx, account, host, nil)
}

// EditOIDCProvider changes a provider's client ids or thumbprints; a nil
// fn deletes it.
func (s *Store) EditOIDCProvider(ctx context.Context, account, host string, fn func(*OIDCProvider) error) error {
	return s.update(ctx, func(tx meta.Txn, touch func([]byte)) error {
		var o OIDCProvider
		if found, err := getJSON(tx, oidcKey(account, host), &o); err != nil || !found {
			if err == nil {
				err = noSuchEntity("OpenIDConnect provider not found for arn %s", host)
			}
			return err
		}
		if fn == nil {
			return del(tx, touch, oidcKey(account, host))
		}
		if err := fn(&o); err != nil {
			return err
		}
		o.ClientIDs = slices.Compact(o.ClientIDs)
		return setJSON(tx, touch, oidcKey(account, host), o)
	})
}
