// Package qostest drives the QoS limits through the AWS SDK against
// servers on loopback: one in-process node, where a limited account or
// bucket gets 503 SlowDown and others do not, and a 3-gateway in-process
// cluster that shares one limit.
package qostest
