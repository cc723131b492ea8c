package audit

import (
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/strata-storage/strata/internal/strata"
)

// FileConfig configures a File.
type FileConfig struct {
	Path       string // the live file; rotated files sit next to it, named with their rotation time
	MaxSizeMB  int    // size at which the file is rotated; default 100
	MaxBackups int    // rotated files kept; 0 keeps them all
	Logger     *slog.Logger
}

// File is a Sink writing one JSON line per record to a file that is
// rotated by size. Writes are synchronous (one write call per record,
// after the response): a record the client was answered for is in the
// file, or its loss is counted and logged.
type File struct {
	log *slog.Logger

	mu      sync.Mutex
	w       *lumberjack.Logger
	failing bool // the last write failed: logged once until one succeeds
}

var _ Sink = (*File)(nil)

// OpenFile opens (or creates) the file, and its folder.
func OpenFile(cfg FileConfig) (*File, error) {
	const op = "audit.OpenFile"
	if cfg.Path == "" {
		return nil, strata.Errorf(op, strata.Invalid, "no audit log path")
	}
	if cfg.MaxSizeMB <= 0 {
		cfg.MaxSizeMB = 100
	}
	if cfg.MaxBackups < 0 {
		return nil, strata.Errorf(op, strata.Invalid, "negative number of audit log backups")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Path), 0o755); err != nil {
		return nil, strata.E(op, strata.Internal, err)
	}
	// lumberjack opens lazily; open here so a bad path fails the start,
	// not the first request.
	fh, err := os.OpenFile(cfg.Path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, strata.E(op, strata.Internal, err)
	}
	fh.Close()
	w := &lumberjack.Logger{Filename: cfg.Path, MaxSize: cfg.MaxSizeMB, MaxBackups: cfg.MaxBackups}
	return &File{log: cfg.Logger.With("audit_log", cfg.Path), w: w}, nil
}

// Audit implements Sink.
func (f *File) Audit(r Record) {
	line, err := json.Marshal(r)
	if err != nil {
		// Only a field type change could get here.
		panic("audit: record does not marshal: " + err.Error())
	}
	line = append(line, '\n')
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.w.Write(line); err != nil {
		dropped.WithLabelValues("file").Inc()
		if !f.failing {
			f.log.Error("audit record not written; dropping until a write succeeds", "err", err)
		}
		f.failing = true
		return
	}
	if f.failing {
		f.log.Info("audit log writable again")
	}
	f.failing = false
	records.WithLabelValues("file").Inc()
}

// Rotate closes the file, renames it with the rotation time and starts
// a new one.
func (f *File) Rotate() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.w.Rotate()
}

// Close closes the file; records given after Close reopen it.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.w.Close()
}
