// Command sleep sleeps far past any time limit.
package main

import "time"

func main() { time.Sleep(time.Hour) }
