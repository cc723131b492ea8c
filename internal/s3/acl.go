package s3

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Permissions of the S3 ACL model.
const (
	permRead     = "READ"
	permWrite    = "WRITE"
	permReadACP  = "READ_ACP"
	permWriteACP = "WRITE_ACP"
	permFull     = "FULL_CONTROL"
)

const (
	allUsersURI  = "http://acs.amazonaws.com/groups/global/AllUsers"
	authUsersURI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	xsiNS        = "http://www.w3.org/2001/XMLSchema-instance"
)

// acl is the stored form of a bucket or object ACL.
type acl struct {
	Owner  string  `json:"owner"`
	Grants []grant `json:"grants"`
}

type grant struct {
	ID    string `json:"id,omitempty"`    // canonical user (our account name)
	URI   string `json:"uri,omitempty"`   // group
	Email string `json:"email,omitempty"` // as given, until checkGrantees resolves it to ID
	Perm  string `json:"perm"`
}

// cannedACL builds the ACL of a canned name.
func cannedACL(name, owner, bucketOwner string) (acl, error) {
	a := acl{Owner: owner, Grants: []grant{{ID: owner, Perm: permFull}}}
	switch name {
	case "", "private":
	case "public-read":
		a.Grants = append(a.Grants, grant{URI: allUsersURI, Perm: permRead})
	case "public-read-write":
		a.Grants = append(a.Grants, grant{URI: allUsersURI, Perm: permRead}, grant{URI: allUsersURI, Perm: permWrite})
	case "authenticated-read":
		a.Grants = append(a.Grants, grant{URI: authUsersURI, Perm: permRead})
	case "bucket-owner-read":
		if bucketOwner != owner {
			a.Grants = append(a.Grants, grant{ID: bucketOwner, Perm: permRead})
		}
	case "bucket-owner-full-control":
		if bucketOwner != owner {
			a.Grants = append(a.Grants, grant{ID: bucketOwner, Perm: permFull})
		}
	case "log-delivery-write", "aws-exec-read":
	default:
		return a, errInvalidArg("unknown canned ACL " + name)
	}
	return a, nil
}

// aclFromHeaders reads x-amz-acl or x-amz-grant-* headers; ok=false if
// the request has neither.
func aclFromHeaders(h http.Header, owner, bucketOwner string) (acl, bool, error) {
	if c := h.Get("X-Amz-Acl"); c != "" {
		a, err := cannedACL(c, owner, bucketOwner)
		return a, true, err
	}
	a := acl{Owner: owner}
	found := false
	for hdr, perm := range map[string]string{"X-Amz-Grant-Read": permRead, "X-Amz-Grant-Write": permWrite,
		"X-Amz-Grant-Read-Acp": permReadACP, "X-Amz-Grant-Write-Acp": permWriteACP, "X-Amz-Grant-Full-Control": permFull} {
		for _, g := range strings.Split(h.Get(hdr), ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(g), "=")
			if !ok {
				continue
			}
			found = true
			v = strings.Trim(v, `"`)
			switch strings.ToLower(k) {
			case "id":
				a.Grants = append(a.Grants, grant{ID: v, Perm: perm})
			case "uri":
				a.Grants = append(a.Grants, grant{URI: v, Perm: perm})
			case "emailaddress":
				a.Grants = append(a.Grants, grant{Email: v, Perm: perm})
			}
		}
	}
	return a, found, nil
}

func encodeACL(a acl) []byte { b, _ := json.Marshal(a); return b }

func decodeACL(b []byte, owner string) acl {
	if v, ok := aclMemo.Load(string(b)); ok {
		a := v.(acl)
		a.Grants = slices.Clone(a.Grants) // callers may change theirs
		return a
	}
	var a acl
	if len(b) == 0 || json.Unmarshal(b, &a) != nil {
		return acl{Owner: owner, Grants: []grant{{ID: owner, Perm: permFull}}}
	}
	if aclMemoSize.Add(1) > aclMemoMax {
		aclMemo.Clear()
		aclMemoSize.Store(0)
	}
	aclMemo.Store(string(b), acl{Owner: a.Owner, Grants: slices.Clone(a.Grants)})
	return a
}

// aclMemo keeps decoded ACLs by their stored form. Nearly every object
// of a bucket stores the same ACL, and authorization decoded the object's
// and the bucket's ACL from JSON on every request (3.5% of the gateway's
// CPU under warp's 4 KiB GETs). Bounded: past aclMemoMax it starts over.
var (
	aclMemo     sync.Map // string (stored ACL) -> acl
	aclMemoSize atomic.Int64
)

const aclMemoMax = 4096

// grants reports whether the ACL gives perm to the identity.
func (a acl) grants(account string, anonymous bool, perm string) bool {
	for _, g := range a.Grants {
		if g.Perm != perm && g.Perm != permFull {
			continue
		}
		switch {
		case g.URI == allUsersURI:
			return true
		case g.URI == authUsersURI && !anonymous:
			return true
		case g.ID != "" && g.ID == account && !anonymous:
			return true
		}
	}
	return false
}

// XML form.
type xmlOwner struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName,omitempty"`
}

type xmlGrantee struct {
	XMLNS       string `xml:"xmlns:xsi,attr,omitempty"`
	Type        string `xml:"xsi:type,attr,omitempty"`
	ID          string `xml:"ID,omitempty"`
	DisplayName string `xml:"DisplayName,omitempty"`
	URI         string `xml:"URI,omitempty"`
	Email       string `xml:"EmailAddress,omitempty"`
}

type xmlGrant struct {
	Grantee    xmlGrantee `xml:"Grantee"`
	Permission string     `xml:"Permission"`
}

type accessControlPolicy struct {
	XMLName xml.Name   `xml:"AccessControlPolicy"`
	XMLNS   string     `xml:"xmlns,attr,omitempty"`
	Owner   xmlOwner   `xml:"Owner"`
	Grants  []xmlGrant `xml:"AccessControlList>Grant"`
}

func (a acl) toXML() accessControlPolicy {
	p := accessControlPolicy{XMLNS: s3NS, Owner: xmlOwner{ID: a.Owner, DisplayName: a.Owner}}
	// Group grants come first, as S3 lists canned ACLs (clients and
	// suites index into the list).
	grants := slices.Clone(a.Grants)
	slices.SortStableFunc(grants, func(x, y grant) int {
		return cmp.Compare(boolRank(x.URI == ""), boolRank(y.URI == ""))
	})
	for _, g := range grants {
		ge := xmlGrantee{XMLNS: xsiNS, Type: "CanonicalUser", ID: g.ID, DisplayName: g.ID}
		if g.URI != "" {
			ge = xmlGrantee{XMLNS: xsiNS, Type: "Group", URI: g.URI}
		}
		p.Grants = append(p.Grants, xmlGrant{Grantee: ge, Permission: g.Perm})
	}
	return p
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parseACL reads an AccessControlPolicy body.
func parseACL(r io.Reader, owner string) (acl, error) {
	var raw struct {
		Owner  xmlOwner `xml:"Owner"`
		Grants []struct {
			Grantee struct {
				Type  string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
				ID    string `xml:"ID"`
				URI   string `xml:"URI"`
				Email string `xml:"EmailAddress"`
			} `xml:"Grantee"`
			Permission string `xml:"Permission"`
		} `xml:"AccessControlList>Grant"`
	}
	if err := xml.NewDecoder(io.LimitReader(r, 1<<20)).Decode(&raw); err != nil {
		return acl{}, errMalformedXML
	}
	a := acl{Owner: owner}
	if raw.Owner.ID != "" && raw.Owner.ID != owner {
		return a, errAccessDenied
	}
	for _, g := range raw.Grants {
		switch g.Permission {
		case permRead, permWrite, permReadACP, permWriteACP, permFull:
		default:
			return a, errMalformedXML
		}
		switch {
		case g.Grantee.Email != "":
			a.Grants = append(a.Grants, grant{Email: g.Grantee.Email, Perm: g.Permission})
		case g.Grantee.URI != "":
			a.Grants = append(a.Grants, grant{URI: g.Grantee.URI, Perm: g.Permission})
		case g.Grantee.ID != "":
			a.Grants = append(a.Grants, grant{ID: g.Grantee.ID, Perm: g.Permission})
		default:
			return a, errMalformedXML
		}
	}
	return a, nil
}

// bucketACLDoc returns the bucket's ACL.
func (rq *request) bucketACLDoc() acl {
	b, err := rq.bucketDoc("acl")
	if err != nil {
		return decodeACL(nil, rq.account)
	}
	return decodeACL(b, rq.account)
}

// allow checks that the requester may do this request's action on the
// bucket (objACL nil) or on an object with that stored ACL; perm is the
// ACL permission the action needs (see authorize).
func (rq *request) allow(perm string, objACL []byte) error { return rq.authorize(perm, objACL) }

// legacyAllow is the decision without IAM: the owner may do anything,
// others what the ACL or the bucket policy grants.
func (rq *request) legacyAllow(perm string, objACL []byte) error {
	if !rq.ident.Anonymous && rq.ident.Account == rq.account {
		return nil
	}
	if perm == "" {
		return errAccessDenied
	}
	var a acl
	if objACL != nil {
		a = decodeACL(objACL, rq.account)
	} else {
		a = rq.bucketACLDoc()
	}
	if a.grants(rq.ident.Account, rq.ident.Anonymous, perm) {
		return nil
	}
	if objACL == nil && perm == permRead && rq.policyAllows("s3:ListBucket") {
		return nil
	}
	if objACL != nil && perm == permRead && rq.policyAllows("s3:GetObject") {
		return nil
	}
	return errAccessDenied
}

func (rq *request) bucketACL() error {
	ctx := rq.r.Context()
	switch rq.r.Method {
	case http.MethodGet:
		if err := rq.allow(permReadACP, nil); err != nil {
			return err
		}
		return rq.writeXML(http.StatusOK, rq.bucketACLDoc().toXML())
	case http.MethodPut:
		if err := rq.allow(permWriteACP, nil); err != nil {
			return err
		}
		a, ok, err := aclFromHeaders(rq.r.Header, rq.account, rq.account)
		if err != nil {
			return err
		}
		if !ok {
			if a, err = parseACL(rq.body, rq.account); err != nil {
				return err
			}
		}
		if err := rq.checkNewACL(a, true); err != nil {
			return err
		}
		if err := rq.h.svc.PutBucketConfig(ctx, rq.bucket, "acl", encodeACL(a)); err != nil {
			return err
		}
		rq.w.WriteHeader(http.StatusOK)
		return nil
	}
	return errorf("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
}
