// Package event defines storage events: the record written to the outbox
// in the same metadata transaction as each change, its S3 event JSON
// form, event-name matching and key filters, and bucket notification
// configurations (the S3 XML and the targets it names).
package event
