// Package lifecycletest drives S3 lifecycle enforcement on a real node on
// loopback with aws-sdk-go-v2: rules are put over S3, passes are run on
// the node (with a clock moved ahead, so that no test sleeps for days of
// a shortened lifecycle day), and the results are read back over S3.
package lifecycletest
