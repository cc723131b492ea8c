package iam

import (
	"errors"

	"github.com/strata-storage/strata/internal/iam/policy"
)

// MaxPolicySize is AWS's limit on a managed or inline identity policy.
const MaxPolicySize = 6144

// ValidateIdentityPolicy checks a user, group, role or managed policy.
func ValidateIdentityPolicy(doc string) error {
	if len(doc) > MaxPolicySize*2 {
		return limitExceeded("Cannot exceed quota for PolicySize: %d", MaxPolicySize*2)
	}
	return validateDoc(doc, policy.Identity)
}

// ValidateSessionPolicy checks the policy passed to AssumeRole.
func ValidateSessionPolicy(doc string) error {
	if len(doc) > 2048 {
		return newErr("PackedPolicyTooLarge", 400, 0, "Packed size of the session policy exceeds the limit of 2048.")
	}
	return validateDoc(doc, policy.Session)
}

// ValidateTrustPolicy checks a role's assume-role policy.
func ValidateTrustPolicy(doc string) error {
	if doc == "" {
		return validationError("1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null")
	}
	return validateDoc(doc, policy.Trust)
}

func validateDoc(doc string, kind policy.Kind) error {
	p, err := policy.Parse([]byte(doc))
	if err == nil {
		err = p.Validate(kind)
	}
	if err == nil {
		return nil
	}
	var pe *policy.Error
	if errors.As(err, &pe) {
		return malformedPolicy("%s", pe.Message)
	}
	return malformedPolicy("%s", err.Error())
}
