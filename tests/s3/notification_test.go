package s3test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/strata-storage/strata/internal/testenv"
)

func TestNotificationConfiguration(t *testing.T) {
	s, c, b := node(t, testenv.Options{})

	// None set: an empty configuration, not an error.
	got, err := c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: &b})
	if err != nil || len(got.QueueConfigurations)+len(got.TopicConfigurations)+len(got.LambdaFunctionConfigurations) != 0 {
		t.Fatalf("initial get: %v %+v", err, got)
	}

	// Destinations must exist: an unregistered one is refused.
	_, err = c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: &b,
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
			QueueArn: aws.String("arn:strata:sqs::nobody:webhook"), Events: []types.Event{"s3:ObjectCreated:*"}}}}})
	wantCode(t, err, "InvalidArgument")
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/events/targets/hook1", []byte(`{"kind":"webhook","url":"http://127.0.0.1:1/"}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := testenv.Admin(ctx, s.URL(), "PUT", "/_strata/api/v1/events/targets/events", []byte(`{"kind":"nats","subject":"bucket.events"}`)); err != nil {
		t.Fatal(err)
	}
	// A function that is not deployed is refused too.
	_, err = c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: &b,
		NotificationConfiguration: &types.NotificationConfiguration{LambdaFunctionConfigurations: []types.LambdaFunctionConfiguration{{
			LambdaFunctionArn: aws.String("arn:aws:lambda:us-east-1:123456789012:function:thumb"), Events: []types.Event{"s3:ObjectCreated:Put"}}}}})
	wantCode(t, err, "InvalidArgument")

	cfg := &types.NotificationConfiguration{
		QueueConfigurations: []types.QueueConfiguration{{
			Id:       aws.String("hook"),
			QueueArn: aws.String("arn:strata:sqs:us-east-1:hook1:webhook"),
			Events:   []types.Event{"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"},
			Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
				{Name: types.FilterRuleNamePrefix, Value: aws.String("img/")},
				{Name: types.FilterRuleNameSuffix, Value: aws.String(".jpg")},
			}}},
		}},
		TopicConfigurations: []types.TopicConfiguration{{
			Id:       aws.String("nats"),
			TopicArn: aws.String("arn:strata:sns:us-east-1:events:nats"),
			Events:   []types.Event{"s3:ObjectRemoved:*"},
		}},
	}
	if _, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{
		Bucket: &b, NotificationConfiguration: cfg}); err != nil {
		t.Fatal(err)
	}
	got, err = c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: &b})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.QueueConfigurations) != 1 || len(got.TopicConfigurations) != 1 {
		t.Fatalf("get: %+v", got)
	}
	q := got.QueueConfigurations[0]
	if aws.ToString(q.Id) != "hook" || aws.ToString(q.QueueArn) != "arn:strata:sqs::hook1:webhook" || len(q.Events) != 2 ||
		q.Filter == nil || len(q.Filter.Key.FilterRules) != 2 || aws.ToString(q.Filter.Key.FilterRules[0].Value) != "img/" {
		t.Fatalf("queue: %+v", q)
	}
	if tp := got.TopicConfigurations[0]; aws.ToString(tp.TopicArn) != "arn:strata:sns::events:nats" || tp.Events[0] != "s3:ObjectRemoved:*" {
		t.Fatalf("topic: %+v", tp)
	}
	// An unknown event name is InvalidArgument; the stored config stays.
	_, err = c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: &b,
		NotificationConfiguration: &types.NotificationConfiguration{QueueConfigurations: []types.QueueConfiguration{{
			QueueArn: aws.String("arn:strata:sqs::hook1:webhook"), Events: []types.Event{"s3:ObjectExploded:*"}}}}})
	wantCode(t, err, "InvalidArgument")

	// Malformed XML.
	resp := signedPut(t, s.URL()+"/"+b+"?notification", []byte("<NotificationConfiguration><QueueConfiguration>"))
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), "<Code>MalformedXML</Code>") {
		t.Fatalf("malformed: %d %s", resp.StatusCode, body)
	}

	// An empty configuration clears it.
	if _, err := c.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{
		Bucket: &b, NotificationConfiguration: &types.NotificationConfiguration{}}); err != nil {
		t.Fatal(err)
	}
	got, err = c.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: &b})
	if err != nil || len(got.QueueConfigurations)+len(got.TopicConfigurations)+len(got.LambdaFunctionConfigurations) != 0 {
		t.Fatalf("after clearing: %v %+v", err, got)
	}
}

// signedPut sends a SigV4-signed PUT with a raw body.
func signedPut(t *testing.T, url string, body []byte) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, url, bytes.NewReader(body))
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: testenv.AccessKey, SecretAccessKey: testenv.SecretKey}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
