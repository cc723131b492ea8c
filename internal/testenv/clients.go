package testenv

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/minio/minio-go/v7"
	miniocreds "github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Client returns an aws-sdk-go-v2 client for endpoint (path-style) with
// the SDK's default checksum behaviour, as users run it.
func S3Client(endpoint, accessKey, secretKey string) *s3.Client {
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		UsePathStyle: true,
	})
}

// S3ClientCA is S3Client for an https endpoint whose certificate roots
// signed (nil: the system roots).
func S3ClientCA(endpoint, accessKey, secretKey string, roots *x509.CertPool) *s3.Client {
	if roots == nil {
		return S3Client(endpoint, accessKey, secretKey)
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		UsePathStyle: true,
		HTTPClient:   hc,
	})
}

// MinioClient returns a minio-go client for endpoint.
func MinioClient(t testing.TB, endpoint, accessKey, secretKey string) *minio.Client {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	c, err := minio.New(u.Host, &minio.Options{
		Creds:  miniocreds.NewStaticV4(accessKey, secretKey, ""),
		Secure: u.Scheme == "https",
		Region: "us-east-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// S3 returns an aws-sdk-go-v2 client for the node, as root.
func (s *Server) S3() *s3.Client { return S3Client(s.URL(), AccessKey, SecretKey) }

// Minio returns a minio-go client for the node, as root.
func (s *Server) Minio(t testing.TB) *minio.Client {
	return MinioClient(t, s.URL(), AccessKey, SecretKey)
}
