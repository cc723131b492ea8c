package lifecycle

import (
	"testing"
	"time"
)

// FuzzParse: any document either fails with an error or gives rules whose
// tasks can be evaluated without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte(doc))
	f.Add([]byte(`<LifecycleConfiguration><Rule><Status>Enabled</Status><Filter><Tag><Key>a</Key><Value>b</Value></Tag></Filter><NoncurrentVersionTransition><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>2</NewerNoncurrentVersions><StorageClass>GLACIER</StorageClass></NoncurrentVersionTransition></Rule></LifecycleConfiguration>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err != nil {
			return
		}
		now := time.Unix(1_800_000_000, 0)
		for _, task := range c.Tasks() {
			task.Upto(Clock{}, now)
			task.Due(Version{Key: "k", Created: now.Add(-time.Hour), Current: true, NoncurrentSince: now}, Clock{}, now)
		}
	})
}
