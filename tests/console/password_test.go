package consoletest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/chromedp/chromedp"

	"github.com/strata-storage/strata/internal/testenv"
)

const patPassword = "Correct-Horse-9"

// withPasswordUser makes bucket "photos" with one object and user "pat"
// of the root account, who may only read it, with a console password.
func withPasswordUser(t *testing.T, n *testenv.Server) { withPasswordUserReset(t, n, false) }

// withPasswordUserReset is withPasswordUser; reset makes pat change the
// password at the first sign-in.
func withPasswordUserReset(t *testing.T, n *testenv.Server, reset bool) {
	t.Helper()
	ctx := context.Background()
	if _, err := n.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("photos")}); err != nil {
		t.Fatal(err)
	}
	if _, err := n.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("photos"), Key: aws.String("hello.txt"),
		Body: strings.NewReader("hello")}); err != nil {
		t.Fatal(err)
	}
	ic := iam.New(iam.Options{BaseEndpoint: aws.String(n.URL()), Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(testenv.AccessKey, testenv.SecretKey, "")})
	steps := []func() error{
		func() error {
			_, err := ic.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("pat")})
			return err
		},
		func() error {
			_, err := ic.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("pat"),
				PolicyArn: aws.String("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")})
			return err
		},
		func() error {
			_, err := ic.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("pat"), Password: aws.String(patPassword),
				PasswordResetRequired: reset})
			return err
		},
	}
	for _, f := range steps {
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestConsolePasswordLogin: a user given a password signs in with account,
// user name and password; the page shows what the user's policy allows
// (read the bucket, not create one) and the gateway refuses the rest; a
// wrong password is refused on the form.
func TestConsolePasswordLogin(t *testing.T) {
	n := startNode(t)
	withPasswordUser(t, n)
	b := newBrowser(t, n.ConsoleURL())
	b.run("password form", chromedp.Navigate(n.ConsoleURL()+"/#/buckets"), chromedp.WaitVisible("#login-mode-password", chromedp.ByID),
		chromedp.Click("#login-mode-password", chromedp.ByID), chromedp.WaitVisible("#login-password", chromedp.ByID),
		chromedp.SendKeys("#login-account", "root", chromedp.ByID), chromedp.SendKeys("#login-user", "pat", chromedp.ByID),
		chromedp.SendKeys("#login-password", "Wrong-Horse-9", chromedp.ByID), chromedp.Click("#login", chromedp.ByID))
	b.waitJS("refusal shown", `document.querySelector('#login-form').textContent.includes('wrong account, user name or password')`)
	var loggedIn bool
	b.eval(`document.querySelector('#logout') !== null`, &loggedIn)
	if loggedIn {
		t.Fatal("a wrong password logged in")
	}
	b.shot("password-01-refused")
	b.run("right password", chromedp.Reload(), chromedp.WaitVisible("#login-mode-password", chromedp.ByID),
		chromedp.Click("#login-mode-password", chromedp.ByID), chromedp.WaitVisible("#login-password", chromedp.ByID),
		chromedp.SendKeys("#login-account", "root", chromedp.ByID), chromedp.SendKeys("#login-user", "pat", chromedp.ByID),
		chromedp.SendKeys("#login-password", patPassword, chromedp.ByID), chromedp.Click("#login", chromedp.ByID),
		chromedp.WaitVisible("#logout", chromedp.ByID), chromedp.WaitVisible(`tr[data-bucket="photos"]`, chromedp.ByQuery))
	var who string
	var noCreate bool
	b.eval(`document.querySelector('#who').textContent`, &who)
	b.eval(`document.querySelector('#create-bucket-btn') === null`, &noCreate)
	if !strings.Contains(who, "pat") || !noCreate {
		t.Fatalf("signed-in page: who %q, bucket creation hidden %v", who, noCreate)
	}
	b.shot("password-02-buckets")
	b.run("open the bucket", chromedp.Navigate(n.ConsoleURL()+"/#/b/photos/"), chromedp.WaitVisible("#object-list", chromedp.ByID),
		chromedp.WaitVisible(`//*[@id="object-list"]//*[contains(., "hello.txt")]`, chromedp.BySearch))
	// The gateway, not the page, refuses what the policy does not allow.
	var status int
	b.eval(`fetch('/_console/session').then(r => r.json()).then(s => fetch('/_console/s3/newbucket', {method: 'PUT', headers: {'X-CSRF-Token': s.csrf}})).then(r => r.status)`, &status)
	if status != 403 {
		t.Fatalf("pat's CreateBucket through the console: status %d, want 403", status)
	}
	b.logout()
}

// passwordLogin posts a password login with a plain HTTP client.
func passwordLogin(t *testing.T, base, account, user, password string) (*session, int, string) {
	t.Helper()
	s, _ := httpLogin(t, base, "", "") // a client with a cookie jar; the empty login is refused
	res, err := s.c.Post(base+"/_console/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"account":%q,"user":%q,"password":%q}`, account, user, password)))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		k, err := res.Body.Read(buf)
		sb.Write(buf[:k])
		if err != nil {
			break
		}
	}
	body := sb.String()
	if i := strings.Index(body, `"csrf":"`); i >= 0 {
		s.csrf = body[i+8 : i+8+strings.IndexByte(body[i+8:], '"')]
	}
	return s, res.StatusCode, body
}

// TestConsolePasswordRefusals: a wrong user, a user without a password
// and a wrong password get one and the same answer; the session of a
// right password acts as the user through the gateway; failures back
// off per account and user.
func TestConsolePasswordRefusals(t *testing.T) {
	n := startNode(t)
	withPasswordUser(t, n)
	base := n.ConsoleURL()
	_, st1, b1 := passwordLogin(t, base, "root", "nobody", patPassword)
	_, st2, b2 := passwordLogin(t, base, "root", "pat", "Wrong-Horse-9")
	if st1 != 401 || st1 != st2 || b1 != b2 {
		t.Fatalf("unknown user %d %s; wrong password %d %s: want the same 401", st1, b1, st2, b2)
	}
	s, st, body := passwordLogin(t, base, "root", "PAT", patPassword)
	if st != 200 || !strings.Contains(body, `"user":"pat"`) || strings.Contains(body, "secret") && strings.Contains(body, patPassword) {
		t.Fatalf("right password: %d %s", st, body)
	}
	if code, out := s.do(t, "GET", "/_console/s3/photos/hello.txt", nil, nil); code != 200 || out != "hello" {
		t.Fatalf("pat reads through the console: %d %s", code, out)
	}
	if code, _ := s.do(t, "DELETE", "/_console/s3/photos/hello.txt", nil, map[string]string{"X-Csrf-Token": s.csrf}); code != 403 {
		t.Fatalf("pat deletes through the console: %d, want 403", code)
	}
	// Three failures on pat (the success cleared the earlier ones) start
	// the backoff; the right password then waits too.
	for _, pw := range []string{"Wrong-Horse-8", "Wrong-Horse-7", "Wrong-Horse-6"} {
		if _, st, _ := passwordLogin(t, base, "root", "pat", pw); st != 401 {
			t.Fatalf("wrong password %s: %d, want 401", pw, st)
		}
	}
	if _, st, _ := passwordLogin(t, base, "root", "pat", patPassword); st != 429 {
		t.Fatalf("login after three failures: %d, want 429", st)
	}
}

// TestConsolePasswordReset: a user whose password must be changed sees
// only the change form after signing in; once changed, the pages, and
// the new password is the one that signs in.
func TestConsolePasswordReset(t *testing.T) {
	n := startNode(t)
	withPasswordUserReset(t, n, true)
	b := newBrowser(t, n.ConsoleURL())
	signIn := func(pw, wait string) {
		b.run("sign in", chromedp.Navigate(n.ConsoleURL()+"/#/buckets"), chromedp.WaitVisible("#login-mode-password", chromedp.ByID),
			chromedp.Click("#login-mode-password", chromedp.ByID), chromedp.WaitVisible("#login-password", chromedp.ByID),
			chromedp.SendKeys("#login-account", "root", chromedp.ByID), chromedp.SendKeys("#login-user", "pat", chromedp.ByID),
			chromedp.SendKeys("#login-password", pw, chromedp.ByID), chromedp.Click("#login", chromedp.ByID),
			chromedp.WaitVisible(wait, chromedp.ByID))
	}
	signIn(patPassword, "#change-password-form")
	var pages bool
	b.eval(`document.querySelector('#logout') !== null`, &pages)
	if pages {
		t.Fatal("the pages show before the password is changed")
	}
	b.shot("password-03-must-change")
	b.run("change", chromedp.SendKeys("#old-password", patPassword, chromedp.ByID), chromedp.SendKeys("#new-password", "Brand-New-Horse-7", chromedp.ByID),
		chromedp.Click("#change-password", chromedp.ByID), chromedp.WaitVisible(`tr[data-bucket="photos"]`, chromedp.ByQuery))
	b.logout()
	signIn("Brand-New-Horse-7", "logout")
}
