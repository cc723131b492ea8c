package event

// Lifecycle actions, named as S3 names them (without "s3:").
const (
	LifecycleExpirationDelete = "LifecycleExpiration:Delete"
	LifecycleExpirationMarker = "LifecycleExpiration:DeleteMarkerCreated"
	LifecycleTransition       = "LifecycleTransition"
)
