// Command thumbnail is a Strata function: for each PNG or JPEG created
// under "in/", it writes a copy scaled to at most 128 px on its longest
// side to "thumbs/<rest of key>" in the same bucket.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path"
	"strings"

	"github.com/strata-storage/strata/sdk/fn"
	"golang.org/x/image/draw"
)

const (
	inPrefix  = "in/"
	outPrefix = "thumbs/"
	maxSide   = 128
)

func main() {
	if err := run(); err != nil {
		fn.Log("thumbnail: %v", err)
		os.Exit(1)
	}
}

func run() error {
	evs, err := fn.ReadEvents()
	if err != nil {
		return err
	}
	for _, ev := range evs {
		if err := thumb(ev); err != nil {
			return fmt.Errorf("%s/%s: %w", ev.Bucket, ev.Key, err)
		}
	}
	return nil
}

func thumb(ev fn.Event) error {
	// The prefix check also keeps our own output from triggering us.
	if !strings.HasPrefix(ev.Name, "ObjectCreated:") || !strings.HasPrefix(ev.Key, inPrefix) {
		fn.Log("skip %s %s", ev.Name, ev.Key)
		return nil
	}
	if !looksLikeImage(ev) {
		fn.Log("skip %s: not a PNG or JPEG", ev.Key)
		return nil
	}
	data, err := fn.ReadObject(ev.Bucket, ev.Key)
	if err != nil {
		return err
	}
	src, format, err := image.Decode(bytes.NewReader(data))
	if errors.Is(err, image.ErrFormat) {
		fn.Log("skip %s: not a PNG or JPEG", ev.Key)
		return nil
	}
	if err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	dst := scale(src)
	var out bytes.Buffer
	var ctype string
	switch format {
	case "png":
		ctype = "image/png"
		err = png.Encode(&out, dst)
	case "jpeg":
		ctype = "image/jpeg"
		err = jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85})
	default:
		fn.Log("skip %s: format %s", ev.Key, format)
		return nil
	}
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	key := outPrefix + strings.TrimPrefix(ev.Key, inPrefix)
	if err := fn.WriteObject(ev.Bucket, key, out.Bytes(), ctype); err != nil {
		return err
	}
	b := dst.Bounds()
	fn.Log("wrote %s (%dx%d, %d bytes)", key, b.Dx(), b.Dy(), out.Len())
	return nil
}

// looksLikeImage avoids reading objects that cannot be images; decoding
// still has the last word.
func looksLikeImage(ev fn.Event) bool {
	switch ev.ContentType {
	case "image/png", "image/jpeg", "image/jpg":
		return true
	}
	switch strings.ToLower(path.Ext(ev.Key)) {
	case ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

// scale returns src scaled so its longest side is maxSide; smaller
// images are returned as they are.
func scale(src image.Image) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= maxSide && h <= maxSide {
		return src
	}
	if w >= h {
		w, h = maxSide, max(1, h*maxSide/w)
	} else {
		w, h = max(1, w*maxSide/h), maxSide
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}
