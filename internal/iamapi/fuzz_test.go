package iamapi

import (
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strata-storage/strata/internal/iam"
	metapebble "github.com/strata-storage/strata/internal/meta/pebble"
	"github.com/strata-storage/strata/internal/s3/auth"
)

// fixedVerifier authenticates every request as one principal and hands
// the form body through.
type fixedVerifier struct {
	id auth.Identity
}

type rawBody struct{ *strings.Reader }

func (b rawBody) Size() int64                  { return b.Reader.Size() }
func (b rawBody) Checksums() map[string]string { return nil }

func (v fixedVerifier) Verify(r *http.Request) (auth.Identity, auth.Body, error) {
	b, _ := io.ReadAll(r.Body)
	return v.id, rawBody{strings.NewReader(string(b))}, nil
}

func newTestHandler(t testing.TB, service string) *Handler {
	eng, err := metapebble.Open(t.TempDir(), metapebble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	c, err := iam.Open(context.Background(), eng, []byte("0123456789abcdef0123456789abcdef"),
		[]iam.Seed{{Account: iam.RootAccount, AccessKey: "ROOT", SecretKey: "secret"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	p, _, err := c.Authenticate(context.Background(), "ROOT", "")
	if err != nil {
		t.Fatal(err)
	}
	return &Handler{IAM: c, V: fixedVerifier{auth.Identity{AccessKey: "ROOT", Account: iam.RootAccount, Principal: p, Service: service}},
		Log: slog.New(slog.DiscardHandler)}
}

// serve posts a form body and checks the answer is well-formed: 200 with
// a <ActionResponse>, or an error status with an <ErrorResponse>.
func serve(t testing.TB, h *Handler, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var doc struct{ XMLName xml.Name }
	if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("answer to %q is not XML: %v\n%s", body, err, w.Body.String())
	}
	isErr := doc.XMLName.Local == "ErrorResponse"
	if w.Code == 200 && (isErr || !strings.HasSuffix(doc.XMLName.Local, "Response")) || w.Code != 200 && !isErr {
		t.Fatalf("answer to %q: status %d with <%s>", body, w.Code, doc.XMLName.Local)
	}
	if w.Code >= 500 {
		t.Fatalf("answer to %q: %d\n%s", body, w.Code, w.Body.String())
	}
	return w
}

func FuzzIAMRequest(f *testing.F) {
	for _, s := range []string{
		"Action=CreateUser&UserName=alice&Version=2010-05-08",
		"Action=PutUserPolicy&UserName=alice&PolicyName=p&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D",
		"Action=CreateAccessKey&UserName=alice",
		"Action=ListUsers&MaxItems=1&Marker=1",
		"Action=CreateRole&RoleName=r&AssumeRolePolicyDocument={}",
		"Action=AttachUserPolicy&UserName=alice&PolicyArn=arn:aws:iam::aws:policy/AmazonS3FullAccess",
		"Action=CreatePolicy&PolicyName=p&PolicyDocument={\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",
		"Action=DeleteUser&UserName=%00",
		"Action=CreateAccount&AccountName=acme",
		"Action=Nope",
		"%zz",
	} {
		f.Add(s)
	}
	h := newTestHandler(f, "iam")
	f.Fuzz(func(t *testing.T, body string) {
		serve(t, h, body)
	})
}

func FuzzSTSRequest(f *testing.F) {
	for _, s := range []string{
		"Action=GetCallerIdentity&Version=2011-06-15",
		"Action=AssumeRole&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s&DurationSeconds=900",
		"Action=AssumeRole&RoleArn=x&RoleSessionName=&Policy=%7B%7D",
		"Action=GetSessionToken&DurationSeconds=abc",
	} {
		f.Add(s)
	}
	h := newTestHandler(f, "sts")
	f.Fuzz(func(t *testing.T, body string) {
		serve(t, h, body)
	})
}

// TestAPIShapes checks a few answers the SDKs parse strictly.
func TestAPIShapes(t *testing.T) {
	h := newTestHandler(t, "iam")
	w := serve(t, h, "Action=CreateUser&UserName=alice")
	if !strings.Contains(w.Body.String(), "<CreateUserResult><User><Path>/</Path><UserName>alice</UserName>") {
		t.Fatalf("CreateUser:\n%s", w.Body.String())
	}
	w = serve(t, h, "Action=GetUser&UserName=bob")
	if w.Code != 404 || !strings.Contains(w.Body.String(), "<Code>NoSuchEntity</Code>") || !strings.Contains(w.Body.String(), "<Type>Sender</Type>") {
		t.Fatalf("missing user: %d\n%s", w.Code, w.Body.String())
	}
	w = serve(t, h, "Action=CreateUser")
	if w.Code != 400 || !strings.Contains(w.Body.String(), "ValidationError") {
		t.Fatalf("no UserName: %d\n%s", w.Code, w.Body.String())
	}
}
