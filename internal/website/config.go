package website

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// ConfigName is the bucket setting the document is stored under.
const ConfigName = "website"

// maxRules bounds RoutingRules, as S3 does.
const maxRules = 50

// Document is a bucket's WebsiteConfiguration.
type Document struct {
	XMLName     xml.Name       `xml:"WebsiteConfiguration"`
	RedirectAll *RedirectAll   `xml:"RedirectAllRequestsTo"`
	Index       *IndexDocument `xml:"IndexDocument"`
	Error       *ErrorDocument `xml:"ErrorDocument"`
	Rules       *RoutingRules  `xml:"RoutingRules"`
}

// RedirectAll sends every request to another host.
type RedirectAll struct {
	HostName string `xml:"HostName"`
	Protocol string `xml:"Protocol"` // "" = the request's
}

// IndexDocument is the object served for a folder: its key plus Suffix.
type IndexDocument struct {
	Suffix string `xml:"Suffix"`
}

// ErrorDocument is the object served, with the error's status, on a 4XX.
type ErrorDocument struct {
	Key string `xml:"Key"`
}

// RoutingRules is the list of rules, applied in order.
type RoutingRules struct {
	Rules []RoutingRule `xml:"RoutingRule"`
}

// RoutingRule redirects the requests its Condition matches (all, without
// one).
type RoutingRule struct {
	Condition *Condition `xml:"Condition"`
	Redirect  *Redirect  `xml:"Redirect"`
}

// Condition matches a key prefix and/or the error status the lookup of
// the key gave; both must match when both are set.
type Condition struct {
	KeyPrefixEquals             *string `xml:"KeyPrefixEquals"`
	HttpErrorCodeReturnedEquals string  `xml:"HttpErrorCodeReturnedEquals"`
}

// Redirect says where a matched request goes. ReplaceKeyPrefixWith is a
// pointer because an empty replacement (strip the prefix) is a value.
type Redirect struct {
	Protocol             string  `xml:"Protocol"`
	HostName             string  `xml:"HostName"`
	ReplaceKeyPrefixWith *string `xml:"ReplaceKeyPrefixWith"`
	ReplaceKeyWith       *string `xml:"ReplaceKeyWith"`
	HttpRedirectCode     string  `xml:"HttpRedirectCode"`
}

// ConfigError is a document S3 would refuse: Code is the S3 error code
// (MalformedXML or InvalidArgument, both status 400).
type ConfigError struct {
	Code    string
	Message string
}

func (e *ConfigError) Error() string { return e.Code + ": " + e.Message }

func malformed() error {
	return &ConfigError{"MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"}
}

func invalidArg(format string, a ...any) error {
	return &ConfigError{"InvalidArgument", fmt.Sprintf(format, a...)}
}

// ParseDocument reads and checks a WebsiteConfiguration document with S3's
// rules; its errors are *ConfigError.
func ParseDocument(doc []byte) (*Document, error) {
	var c Document
	if err := xml.Unmarshal(doc, &c); err != nil {
		return nil, malformed()
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Document) validate() error {
	if c.RedirectAll != nil {
		if c.Index != nil || c.Error != nil || c.Rules != nil {
			return invalidArg("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.")
		}
		if strings.TrimSpace(c.RedirectAll.HostName) == "" {
			return invalidArg("A value for RedirectAllRequestsTo HostName must be provided.")
		}
		return checkProtocol(c.RedirectAll.Protocol)
	}
	if c.Index == nil {
		return invalidArg("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty")
	}
	if c.Index.Suffix == "" || strings.Contains(c.Index.Suffix, "/") {
		return invalidArg("The IndexDocument Suffix is not well formed")
	}
	if c.Error != nil && c.Error.Key == "" {
		return invalidArg("The ErrorDocument Key is not well formed")
	}
	if c.Rules == nil {
		return nil
	}
	if len(c.Rules.Rules) == 0 {
		return malformed()
	}
	if len(c.Rules.Rules) > maxRules {
		return invalidArg("The number of routing rules must not exceed the allowed limit of %d rules.", maxRules)
	}
	for i := range c.Rules.Rules {
		if err := c.Rules.Rules[i].validate(); err != nil {
			return err
		}
	}
	return nil
}

func (r *RoutingRule) validate() error {
	if r.Redirect == nil {
		return malformed()
	}
	if c := r.Condition; c != nil {
		if c.KeyPrefixEquals == nil && c.HttpErrorCodeReturnedEquals == "" {
			return invalidArg("Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present.")
		}
		if s := c.HttpErrorCodeReturnedEquals; s != "" {
			if n, err := strconv.Atoi(s); err != nil || n < 400 || n > 599 {
				return invalidArg("The provided HTTP error code (%s) is not valid. Valid codes are 4XX or 5XX.", s)
			}
		}
	}
	d := r.Redirect
	if d.Protocol == "" && d.HostName == "" && d.ReplaceKeyPrefixWith == nil && d.ReplaceKeyWith == nil && d.HttpRedirectCode == "" {
		return invalidArg("Redirect must contain at least one of the following elements: HostName, Protocol, ReplaceKeyPrefixWith, ReplaceKeyWith or HttpRedirectCode.")
	}
	if d.ReplaceKeyPrefixWith != nil && d.ReplaceKeyWith != nil {
		return invalidArg("You can only define ReplaceKeyPrefix or ReplaceKey but not both.")
	}
	if s := d.HttpRedirectCode; s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 301 || n > 399 {
			return invalidArg("The provided HTTP redirect code (%s) is not valid. Valid codes are 3XX except 300.", s)
		}
	}
	return checkProtocol(d.Protocol)
}

func checkProtocol(p string) error {
	switch p {
	case "", "http", "https":
		return nil
	}
	return invalidArg("Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.")
}
