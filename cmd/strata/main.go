// Command strata is the single Strata binary: the server and every
// operator command. All the work is in internal/cli.
package main

import (
	"os"

	"github.com/strata-storage/strata/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
