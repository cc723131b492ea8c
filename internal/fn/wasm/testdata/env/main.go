// Command env prints what the sandbox shows it: args, env, stdin, and
// whether the host filesystem is reachable.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	in, _ := io.ReadAll(os.Stdin)
	fmt.Println("args", os.Args)
	for _, k := range []string{"STRATA_FUNCTION", "STRATA_INVOCATION", "STRATA_EVENT_ID", "STRATA_BUCKET", "STRATA_KEY", "GREETING"} {
		fmt.Printf("%s=%s\n", k, os.Getenv(k))
	}
	fmt.Printf("stdin=%s\n", in)
	_, err := os.ReadFile("/etc/hostname")
	fmt.Println("fs-error", err != nil)
}
