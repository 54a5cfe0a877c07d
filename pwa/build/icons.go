package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// icon is one app icon, drawn here so the build needs no image files or tools.
//
// The drawing is two linked rings (the chair and the director) in white on the accent
// colour. It uses integers only: floating point can round differently on other CPUs
// (fused multiply-add), and the PNGs must be byte-identical wherever they are built.
type icon struct {
	name    string
	size    int  // width and height in pixels; a multiple of 64 (see draw)
	bleed   bool // fill the whole square: maskable icons are cropped by the launcher
	purpose string
}

var icons = []icon{
	{name: "icon-192.png", size: 192, purpose: "any"},
	{name: "icon-512.png", size: 512, purpose: "any"},
	{name: "icon-maskable-512.png", size: 512, bleed: true, purpose: "maskable"},
}

func (ic icon) sizes() string { return fmt.Sprintf("%dx%d", ic.size, ic.size) }

// The drawing, in a 512 x 512 design space. The rings stay within the maskable safe
// zone, a centred circle of radius 204.8.
const (
	design      = 512
	cornerR     = 112 // the rounded square's corner radius (non-maskable icons)
	ringOuterR  = 120
	ringInnerR  = 84
	ringLeftX   = 196
	ringRightX  = 316
	ringCentreY = 256
)

// sub is the number of samples per pixel along each axis, for smooth edges.
const sub = 4

func (ic icon) png() ([]byte, error) {
	img := ic.draw()
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// draw renders the icon. Coordinates are in sample units: a pixel is 2*sub units wide
// and its samples sit at odd offsets 1, 3, 5, 7, so they are centred without fractions.
// One design unit is size/64 sample units, an integer because size is a multiple of 64.
func (ic icon) draw() *image.NRGBA {
	k := ic.size / 64
	if ic.size%64 != 0 {
		panic("icon size must be a multiple of 64")
	}
	bg := parseHex(accent)
	img := image.NewNRGBA(image.Rect(0, 0, ic.size, ic.size))
	for py := 0; py < ic.size; py++ {
		for px := 0; px < ic.size; px++ {
			var nBG, nRing int
			for sy := 0; sy < sub; sy++ {
				for sx := 0; sx < sub; sx++ {
					x := px*2*sub + 2*sx + 1
					y := py*2*sub + 2*sy + 1
					switch {
					case !ic.inBackground(x, y, k):
					case inRing(x, y, k, ringLeftX) || inRing(x, y, k, ringRightX):
						nRing++
					default:
						nBG++
					}
				}
			}
			n := nBG + nRing
			if n == 0 {
				continue // transparent
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8((nBG*int(bg.R) + nRing*255) / n),
				G: uint8((nBG*int(bg.G) + nRing*255) / n),
				B: uint8((nBG*int(bg.B) + nRing*255) / n),
				A: uint8(n * 255 / (sub * sub)),
			})
		}
	}
	return img
}

// inBackground reports whether sample (x, y) lies on the icon's background: the whole
// square for a maskable icon, a rounded square otherwise.
func (ic icon) inBackground(x, y, k int) bool {
	if ic.bleed {
		return true
	}
	r := cornerR * k
	lo, hi := r, design*k-r
	cx := min(max(x, lo), hi)
	cy := min(max(y, lo), hi)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

func inRing(x, y, k, centreX int) bool {
	dx, dy := x-centreX*k, y-ringCentreY*k
	d2 := dx*dx + dy*dy
	outer, inner := ringOuterR*k, ringInnerR*k
	return d2 <= outer*outer && d2 >= inner*inner
}

func parseHex(s string) color.NRGBA {
	var c color.NRGBA
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		panic(err)
	}
	c.A = 255
	return c
}
