package object

// appendListed appends a listed version's Info to a page of at most limit
// entries. A page grows from 32 entries to 256, then to limit at once. An
// ObjectInfo is some 350 bytes, most of them pointers: append's own
// growth (doubling, then by a quarter) allocated a page of 1,000 about a
// dozen times and copied it twice over, and that was a third of a LIST's
// CPU at 20 M objects (docs/SHARDING.md). A small listing still gets a
// small page.
func appendListed(page []ObjectInfo, i *ObjectInfo, limit int) []ObjectInfo {
	if len(page) == cap(page) {
		grown := make([]ObjectInfo, len(page), max(len(page)+1, min(limit, max(32, 8*cap(page)))))
		copy(grown, page)
		page = grown
	}
	return append(page, *i)
}
