package console

import (
	"embed"
	"io/fs"
	"net/http"
)

// The page is built by `npm ci && npm run build` in web/console, which
// writes dist/; the built files are committed so that a Go-only machine
// builds the binary.
//
//go:generate sh -c "cd ../../web/console && npm ci --no-audit --no-fund && npm run build"

//go:embed dist
var dist embed.FS

func assets() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return http.FileServerFS(sub)
}
