// Command exit1 writes a line to stderr and exits 1.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("about to fail")
	fmt.Fprintln(os.Stderr, "exit1: something went wrong")
	os.Exit(1)
}
