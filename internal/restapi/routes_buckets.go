package restapi

import (
	"net/http"
	"slices"
	"strings"

	"github.com/strata-storage/strata/internal/object"
	"github.com/strata-storage/strata/internal/s3"
	"github.com/strata-storage/strata/internal/strata"
)

// NewBucket creates a bucket.
type NewBucket struct {
	Name string `json:"name"`
	// StoragePolicy names the data protection (THREECOPIES, EC4+2, ...);
	// "" is the cluster default.
	StoragePolicy string `json:"storage_policy,omitempty"`
	ObjectLock    bool   `json:"object_lock,omitempty"` // implies versioning
	Versioning    bool   `json:"versioning,omitempty"`
}

// StoragePolicy is the data protection of a bucket's new objects
// (THREECOPIES, EC4+2, ...; "" for the cluster default).
type StoragePolicy struct {
	Policy string `json:"storage_policy"`
}

// Versioning is a bucket's versioning state: "", Enabled or Suspended.
type Versioning struct {
	Status string `json:"status"`
}

// buckets returns the bucket part, or 503.
func (a *API) buckets() (Buckets, error) {
	if a.opts.Buckets == nil {
		return nil, unavailable("buckets are")
	}
	return a.opts.Buckets, nil
}

// bucketRes is the bucket named by the path, with its owner and bucket
// policy, for the decision; sub is appended to its ARN ("/*" for every
// object).
func (a *API) bucketRes(sub string) func(c *Call) (Resource, error) {
	return func(c *Call) (Resource, error) {
		bs, err := a.buckets()
		if err != nil {
			return Resource{}, err
		}
		name := c.Path("bucket")
		b, err := bs.GetBucket(c.Context(), name)
		if err != nil {
			return Resource{}, err
		}
		res := Resource{ARN: "arn:aws:s3:::" + name + sub, Account: b.Account}
		if doc, err := bs.GetBucketConfig(c.Context(), name, "policy"); err == nil {
			res.Policy, _ = a.opts.IAM.Parsed(string(doc))
		}
		return res, nil
	}
}

func (a *API) bucketRoutes() {
	a.Handle(Route{Method: "GET", Path: "/buckets", Action: "s3:ListAllMyBuckets",
		Handle: func(c *Call) (any, error) {
			bs, err := a.buckets()
			if err != nil {
				return nil, err
			}
			acct, err := c.target()
			if err != nil {
				return nil, err
			}
			out, err := bs.ListBuckets(c.Context(), acct.Name)
			if out == nil {
				out = []object.Bucket{}
			}
			return out, err
		}})
	a.Handle(Route{Method: "POST", Path: "/buckets", Action: "s3:CreateBucket",
		Handle: func(c *Call) (any, error) {
			bs, err := a.buckets()
			if err != nil {
				return nil, err
			}
			var req NewBucket
			if err := c.Decode(&req); err != nil {
				return nil, err
			}
			acct, err := c.target()
			if err != nil {
				return nil, err
			}
			if !s3.ValidBucketName(req.Name) {
				return nil, strata.Errorf("restapi", strata.Invalid, "InvalidBucketName: %q is not a valid bucket name", req.Name)
			}
			b := object.Bucket{Name: req.Name, Account: acct.Name, Policy: req.StoragePolicy, ObjectLock: req.ObjectLock}
			if req.ObjectLock || req.Versioning {
				b.Versioning = object.VersioningEnabled
			}
			if err := bs.CreateBucket(c.Context(), b); err != nil {
				return nil, err
			}
			return bs.GetBucket(c.Context(), req.Name)
		}})
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}", Action: "s3:ListBucket", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) { return a.opts.Buckets.GetBucket(c.Context(), c.Path("bucket")) }})
	a.Handle(Route{Method: "DELETE", Path: "/buckets/{bucket}", Action: "s3:DeleteBucket", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			return map[string]string{"removed": c.Path("bucket")}, a.opts.Buckets.DeleteBucket(c.Context(), c.Path("bucket"))
		}})
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/versioning", Action: "s3:GetBucketVersioning", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			b, err := a.opts.Buckets.GetBucket(c.Context(), c.Path("bucket"))
			return Versioning{Status: b.Versioning}, err
		}})
	a.Handle(Route{Method: "PUT", Path: "/buckets/{bucket}/versioning", Action: "s3:PutBucketVersioning", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			var v Versioning
			if err := c.Decode(&v); err != nil {
				return nil, err
			}
			return v, a.opts.Buckets.SetVersioning(c.Context(), c.Path("bucket"), v.Status)
		}})
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/object-lock", Action: "s3:GetBucketObjectLockConfiguration", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) { return a.opts.Buckets.GetLockConfig(c.Context(), c.Path("bucket")) }})
	a.Handle(Route{Method: "PUT", Path: "/buckets/{bucket}/object-lock", Action: "s3:PutBucketObjectLockConfiguration", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			var lc object.LockConfig
			if err := c.Decode(&lc); err != nil {
				return nil, err
			}
			return lc, a.opts.Buckets.PutLockConfig(c.Context(), c.Path("bucket"), lc)
		}})
	a.Handle(Route{Method: "PUT", Path: "/buckets/{bucket}/storage-policy", Action: "s3:PutBucketStoragePolicy", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			var sp StoragePolicy
			if err := c.Decode(&sp); err != nil {
				return nil, err
			}
			if err := a.opts.Buckets.SetStoragePolicy(c.Context(), c.Path("bucket"), sp.Policy); err != nil {
				return nil, err
			}
			return a.opts.Buckets.GetBucket(c.Context(), c.Path("bucket"))
		}})
	a.policyRoute()
	a.settingRoutes()
}

// policyRoute serves the bucket policy: validated as S3 validates it,
// and refused when public under a public access block.
func (a *API) policyRoute() {
	a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/policy", Action: "s3:GetBucketPolicy", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			doc, err := a.opts.Buckets.GetBucketConfig(c.Context(), c.Path("bucket"), "policy")
			return Document{Document: string(doc)}, err
		}})
	a.Handle(Route{Method: "PUT", Path: "/buckets/{bucket}/policy", Action: "s3:PutBucketPolicy", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			var d Document
			if err := c.Decode(&d); err != nil {
				return nil, err
			}
			name := c.Path("bucket")
			doc, err := s3.CheckBucketConfig(name, "policy", []byte(d.Document))
			if err != nil {
				return nil, err
			}
			if s3.PolicyIsPublic(doc) && a.blocksPublicPolicy(c, name) {
				return nil, apiErr(http.StatusForbidden, "AccessDenied", "the public access block refuses a public bucket policy")
			}
			return d, a.opts.Buckets.PutBucketConfig(c.Context(), name, "policy", doc)
		}})
	a.Handle(Route{Method: "DELETE", Path: "/buckets/{bucket}/policy", Action: "s3:DeleteBucketPolicy", Resource: a.bucketRes(""),
		Handle: func(c *Call) (any, error) {
			return map[string]string{"removed": "policy"}, a.opts.Buckets.DeleteBucketConfig(c.Context(), c.Path("bucket"), "policy")
		}})
}

// blocksPublicPolicy merges the bucket's and its account's public access
// blocks, as S3 does.
func (a *API) blocksPublicPolicy(c *Call, bucket string) bool {
	if doc, err := a.opts.Buckets.GetBucketConfig(c.Context(), bucket, "publicAccessBlock"); err == nil &&
		s3.ParsePublicAccessBlock(doc).BlockPublicPolicy {
		return true
	}
	b, err := a.opts.Buckets.GetBucket(c.Context(), bucket)
	if err != nil {
		return true
	}
	acct, ok := a.opts.IAM.Account(b.Account)
	return ok && acct.PublicAccessBlock != nil && acct.PublicAccessBlock.BlockPublicPolicy
}

// settings are the bucket settings kept as S3 documents, with the IAM
// actions that read and change them (AWS checks the Put action for a
// delete too).
var settings = []struct{ name, get, put string }{
	{"tagging", "s3:GetBucketTagging", "s3:PutBucketTagging"},
	{"cors", "s3:GetBucketCORS", "s3:PutBucketCORS"},
	{"lifecycle", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"},
	{"encryption", "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration"},
	{"notification", "s3:GetBucketNotification", "s3:PutBucketNotification"},
	{"public-access-block", "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
	{"ownership-controls", "s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls"},
	// The WebsiteConfiguration that the website endpoint serves
	// (internal/website); CheckBucketConfig validates it with
	// website.ParseDocument, as PutBucketWebsite does.
	{"website", "s3:GetBucketWebsite", "s3:PutBucketWebsite"},
}

// deleteActions are the settings whose delete has an IAM action of its
// own, as on S3 (DeleteBucketWebsite).
var deleteActions = map[string]string{"website": "s3:DeleteBucketWebsite"}

// SettingNames lists the settings served under /buckets/{bucket}/settings/.
func SettingNames() []string {
	var out []string
	for _, s := range settings {
		out = append(out, s.name)
	}
	return slices.Clip(out)
}

// docName is the name a setting is stored under.
func docName(setting string) string {
	switch setting {
	case "public-access-block":
		return "publicAccessBlock"
	case "ownership-controls":
		return "ownershipControls"
	}
	return setting
}

// Setting is a bucket setting as its S3 document (XML), e.g. a
// CORSConfiguration.
type Setting struct {
	Setting  string `json:"setting"`
	Document string `json:"document"`
}

func (a *API) settingRoutes() {
	for _, s := range settings {
		name, doc := s.name, docName(s.name)
		a.Handle(Route{Method: "GET", Path: "/buckets/{bucket}/settings/" + name, Action: s.get, Resource: a.bucketRes(""),
			Handle: func(c *Call) (any, error) { return a.getSetting(c, name, doc) }})
		a.Handle(Route{Method: "PUT", Path: "/buckets/{bucket}/settings/" + name, Action: s.put, Resource: a.bucketRes(""),
			Handle: func(c *Call) (any, error) { return a.putSetting(c, name, doc) }})
		del := s.put
		if d, ok := deleteActions[name]; ok {
			del = d
		}
		a.Handle(Route{Method: "DELETE", Path: "/buckets/{bucket}/settings/" + name, Action: del, Resource: a.bucketRes(""),
			Handle: func(c *Call) (any, error) {
				err := a.opts.Buckets.DeleteBucketConfig(c.Context(), c.Path("bucket"), doc)
				if strata.Is(err, strata.NotExist) {
					err = nil // clearing what is not set is not an error
				}
				return map[string]string{"removed": name}, err
			}})
	}
}

func (a *API) getSetting(c *Call, name, doc string) (any, error) {
	b, err := a.opts.Buckets.GetBucketConfig(c.Context(), c.Path("bucket"), doc)
	if err != nil {
		return nil, err
	}
	if name == "notification" {
		if b, err = notificationXML(b); err != nil {
			return nil, err
		}
	}
	return Setting{Setting: name, Document: string(b)}, nil
}

func (a *API) putSetting(c *Call, name, doc string) (any, error) {
	var s Setting
	if err := c.Decode(&s); err != nil {
		return nil, err
	}
	if s.Setting != "" && s.Setting != name {
		return nil, strata.Errorf("restapi", strata.Invalid, "setting %q sent to %s", s.Setting, name)
	}
	body := []byte(strings.TrimSpace(s.Document))
	var err error
	if name == "notification" {
		body, err = notificationJSON(body)
	} else {
		body, err = s3.CheckBucketConfig(c.Path("bucket"), doc, body)
	}
	if err != nil {
		return nil, err
	}
	s.Setting = name
	return s, a.opts.Buckets.PutBucketConfig(c.Context(), c.Path("bucket"), doc, body)
}
