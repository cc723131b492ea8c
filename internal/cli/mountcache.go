package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// The mount keeps a local read cache by default, as JuiceFS does: an
// uncached random reader otherwise pays a gateway round trip per 4 KiB.
// Its default folder is per endpoint and bucket under the user's cache
// folder, and a mount locks the one it uses, so that two mounts of the
// same bucket never share one (the second takes the next free folder).

// autoCacheDir is the --cache-dir value that picks the default folder.
const autoCacheDir = "auto"

// openCacheDir resolves dir (autoCacheDir, a path, or "" for none) and
// locks it for this process. The lock lasts as long as the process.
func openCacheDir(dir, endpoint, bucket string) (string, error) {
	if dir == "" {
		return "", nil
	}
	if dir != autoCacheDir {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("cache dir: %w", err)
		}
		if err := lockDir(dir); err != nil {
			return "", fmt.Errorf("cache dir %s: %w", dir, err)
		}
		return dir, nil
	}
	root, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache dir: %w (set --cache-dir, or --cache-dir= for none)", err)
	}
	sum := sha256.Sum256([]byte(endpoint + "\x00" + bucket))
	base := filepath.Join(root, "strata", "mount-"+hex.EncodeToString(sum[:6]))
	for i := 0; i < 16; i++ {
		d := base
		if i > 0 {
			d += "-" + strconv.Itoa(i)
		}
		if err := os.MkdirAll(d, 0o700); err != nil {
			return "", fmt.Errorf("cache dir: %w", err)
		}
		err := lockDir(d)
		if err == nil {
			return d, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return "", fmt.Errorf("cache dir %s: %w", d, err)
		}
	}
	return "", fmt.Errorf("cache dir: 16 mounts of %s already use %s*", bucket, base)
}

// lockDir takes an exclusive lock on dir's lock file, held until the
// process ends (the descriptor is never closed).
func lockDir(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return fmt.Errorf("in use by another mount: %w", err)
		}
		return err
	}
	return nil // f stays open: the lock lives with the process
}
