package policy

// The two versions of the policy language. Only 2012-10-17 knows policy
// variables; under 2008-10-17 "${...}" is literal text.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Policy is a parsed policy document.
type Policy struct {
	Version    string // "" when the document has none (AWS then means 2008-10-17)
	ID         string
	Statements []Statement
}

// Effect is the Effect element of a statement.
type Effect string

// The two effects.
const (
	EffectAllow Effect = "Allow"
	EffectDeny  Effect = "Deny"
)

// Statement is one statement of a policy. At most one of each pair
// (Action/NotAction, Resource/NotResource, Principal/NotPrincipal) is set.
type Statement struct {
	Sid                     string
	Effect                  Effect
	Principal, NotPrincipal *Principals
	Action, NotAction       []string
	Resource, NotResource   []string
	Condition               Conditions
}

// Principals is a Principal or NotPrincipal element. All is the bare "*"
// form; {"AWS": "*"} is AWS == ["*"], which matches the same requests.
type Principals struct {
	All           bool
	AWS           []string
	CanonicalUser []string
	Service       []string
	Federated     []string
}

// Request is one request to decide.
type Request struct {
	Action   string // "s3:GetObject", "iam:CreateUser"
	Resource string // "arn:aws:s3:::bucket/key"; "" for actions without one
	// Principal lists who the requester is, in every form a policy may
	// name it: its ARN ("arn:aws:iam::ACCOUNT:user/alice"), its account's
	// root ARN and account ID, its canonical user ID. Entries of a policy's
	// AWS principal that are not ARNs are account IDs, and an account ID
	// is the same principal as "arn:aws:iam::ACCOUNT:root".
	Principal []string
	Anonymous bool // an unauthenticated request; Principal is then empty
	// Context holds the condition keys, lower-case ("aws:username",
	// "aws:sourceip", "s3:prefix", "s3:existingobjecttag/<key>", ...).
	// Booleans are "true"/"false", times RFC 3339, numbers decimal.
	Context map[string][]string
}

// Decision is the outcome of evaluating one policy.
type Decision int

// The decisions.
const (
	NotApplicable Decision = iota // no statement matched
	Allow                         // an Allow statement matched and no Deny did
	Deny                          // an explicit Deny matched
)

func (d Decision) String() string {
	switch d {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	default:
		return "NotApplicable"
	}
}

// Kind is the kind of a policy, which decides what Validate requires.
type Kind int

// The kinds of policy.
const (
	Identity Kind = iota // attached to a user, group or role: no Principal
	Resource             // attached to a resource (bucket policy): Principal required
	Session              // passed with AssumeRole / GetFederationToken: as Identity
	Trust                // a role's assume-role policy: Principal required, Resource optional
)

func (k Kind) String() string {
	switch k {
	case Identity:
		return "identity"
	case Resource:
		return "resource"
	case Session:
		return "session"
	case Trust:
		return "trust"
	}
	return "unknown"
}
