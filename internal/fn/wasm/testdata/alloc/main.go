// Command alloc keeps allocating until memory runs out.
package main

import "fmt"

var keep [][]byte

func main() {
	for i := 0; i < 4096; i++ {
		b := make([]byte, 1<<20)
		for j := range b {
			b[j] = byte(j)
		}
		keep = append(keep, b)
	}
	fmt.Println("allocated", len(keep), "MiB")
}
