package iam

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkDecide: one S3 GetObject decision for an account root and for
// a user whose policy has 20 statements (19 that do not match).
func BenchmarkDecide(b *testing.B) {
	c := openCacheB(b)
	var st []string
	for i := 1; i <= 19; i++ {
		st = append(st, fmt.Sprintf(`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::other-%d/*","Condition":{"IpAddress":{"aws:SourceIp":"10.%d.0.0/16"}}}`, i, i))
	}
	st = append(st, `{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}`)
	c.Store().CreateUser(ctx, RootAccount, "u", "", nil)
	if err := c.Store().PutInlinePolicy(ctx, EntityUser, RootAccount, "u", "p", `{"Version":"2012-10-17","Statement":[`+strings.Join(st, ",")+`]}`); err != nil {
		b.Fatal(err)
	}
	user := principalOfB(b, c, RootAccount, "u")
	root, _, _ := c.Authenticate(ctx, "ROOTKEY", "")
	for name, p := range map[string]*Principal{"root": root, "user20": user} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				ck := &Check{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: RootAccount,
					Context: Context(p, RequestInfo{SourceIP: "127.0.0.1"})}
				if !c.Decide(ck).Allowed || c.Mentions(p, "existingobjecttag") {
					b.Fatal("denied")
				}
			}
		})
	}
}
