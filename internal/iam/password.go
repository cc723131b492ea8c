package iam

import (
	"crypto/rand"
	"crypto/subtle"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters of new password hashes (the OWASP baseline:
// 19 MiB, two passes, one lane). A hash keeps the parameters it was made
// with, so raising them later leaves older hashes verifiable.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// PasswordHash is an argon2id hash with its salt and parameters. Kept as
// JSON fields rather than a PHC string so that reading it back parses
// nothing.
type PasswordHash struct {
	Salt    []byte `json:"salt"`
	Key     []byte `json:"key"`
	Time    uint32 `json:"t"`
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
}

// hashSlots bounds the hashes computed at once: each takes argonMemory
// and a core, so a burst of logins queues instead of exhausting memory.
var hashSlots = make(chan struct{}, max(2, runtime.NumCPU()))

func argonKey(password string, salt []byte, t, m uint32, p uint8) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(password), salt, t, m, p, argonKeyLen)
}

// hashPassword hashes a password under a fresh random salt.
func hashPassword(password string) PasswordHash {
	salt := make([]byte, argonSaltLen)
	rand.Read(salt)
	h := PasswordHash{Salt: salt, Time: argonTime, Memory: argonMemory, Threads: argonThreads}
	h.Key = argonKey(password, salt, h.Time, h.Memory, h.Threads)
	return h
}

// matches recomputes the hash of password with h's salt and parameters
// and compares in constant time. A hash with absurd parameters (a
// damaged record) matches nothing rather than exhausting memory.
func (h PasswordHash) matches(password string) bool {
	if h.Time == 0 || h.Time > 16 || h.Memory == 0 || h.Memory > 1<<20 || h.Threads == 0 || len(h.Key) != argonKeyLen {
		return false
	}
	got := argonKey(password, h.Salt, h.Time, h.Memory, h.Threads)
	return subtle.ConstantTimeCompare(got, h.Key) == 1
}

// decoyHash is verified against when there is no profile, so that an
// unknown user costs the same time as a wrong password.
var decoyHash = hashPassword("decoy password, never matched")

// PasswordPolicy is what a password must satisfy. The default follows
// AWS's default policy.
type PasswordPolicy struct {
	MinLength int
	MaxLength int
	// MinClasses is how many of upper case, lower case, digits and
	// symbols must appear.
	MinClasses int
}

// DefaultPasswordPolicy is the policy every account uses.
var DefaultPasswordPolicy = PasswordPolicy{MinLength: 8, MaxLength: 128, MinClasses: 3}

// Check reports why password is refused (PasswordPolicyViolation), or
// nil. names are the account and user names the password must not equal.
func (pp PasswordPolicy) Check(password string, names ...string) error {
	n := utf8.RuneCountInString(password)
	if !utf8.ValidString(password) || n < pp.MinLength || n > pp.MaxLength {
		return passwordPolicy("Password must be %d to %d characters long.", pp.MinLength, pp.MaxLength)
	}
	var upper, lowerc, digit, symbol int
	for _, r := range password {
		switch {
		case unicode.IsControl(r):
			return passwordPolicy("Password must not contain control characters.")
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsLower(r):
			lowerc = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			symbol = 1
		}
	}
	if upper+lowerc+digit+symbol < pp.MinClasses {
		return passwordPolicy("Password must contain at least %d of: upper case letters, lower case letters, digits, symbols.", pp.MinClasses)
	}
	for _, name := range names {
		if name != "" && strings.EqualFold(password, name) {
			return passwordPolicy("Password must not be the account or user name.")
		}
	}
	return nil
}
