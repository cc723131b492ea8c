// Command loop never ends: the runtime must stop it.
package main

var n int

func main() {
	for {
		n++
	}
}
