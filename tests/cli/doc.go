// Package clitest drives a strata server process with the command-line
// clients users run (awscli, s3cmd, rclone) and checks the strata command
// itself (first start, credentials, clean shutdown, restart).
package clitest
