// Package consoletest drives the web console in a real browser: Debian's
// headless Chromium, controlled by chromedp, against a node started in
// this process with its console on 127.0.0.1:0. It checks what an
// operator does (log in, create a bucket, upload, manage users, lock a
// service) and the console's security (CSRF, XSS, CSP, sessions, login
// backoff), and saves a screenshot of each page under $STRATA_ARTIFACTS.
package consoletest
