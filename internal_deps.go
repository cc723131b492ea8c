package deps
import (
 _ "github.com/cockroachdb/pebble"
 _ "github.com/klauspost/reedsolomon"
 _ "github.com/aws/aws-sdk-go-v2/service/s3"
 _ "github.com/aws/aws-sdk-go-v2/config"
 _ "github.com/aws/aws-sdk-go-v2/credentials"
 _ "github.com/minio/minio-go/v7"
 _ "github.com/spf13/cobra"
 _ "github.com/prometheus/client_golang/prometheus"
 _ "github.com/klauspost/crc32"
 _ "github.com/minio/crc64nvme"
 _ "github.com/minio/md5-simd"
)
