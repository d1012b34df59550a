// Command gen draws the extension's icons: a white leaf ("barg" in Persian)
// on a green rounded square, anti-aliased by supersampling. Run it from the
// repository root after changing the design:
//
//	go run ./extension/icons/gen
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	for _, size := range []int{16, 32, 48, 128} {
		name := filepath.Join("extension", "icons", "barg-"+strconv.Itoa(size)+".png")
		if err := write(name, draw(size)); err != nil {
			log.Fatal(err)
		}
	}
}

func write(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var (
	green = color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// draw renders the icon at size×size pixels, sampling each pixel 4×4 times.
func draw(size int) *image.NRGBA {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var bg, leaf int
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					// u, v in [0, 1)
					u := (float64(x) + (float64(sx)+0.5)/ss) / float64(size)
					v := (float64(y) + (float64(sy)+0.5)/ss) / float64(size)
					if inRoundedSquare(u, v, 0.2) {
						bg++
						if inLeaf(u, v) {
							leaf++
						}
					}
				}
			}
			n := ss * ss
			if bg == 0 {
				continue
			}
			// Blend white over green by leaf coverage; alpha by square coverage.
			f := float64(leaf) / float64(bg)
			c := color.NRGBA{
				R: mix(green.R, white.R, f),
				G: mix(green.G, white.G, f),
				B: mix(green.B, white.B, f),
				A: uint8(255 * bg / n),
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func mix(a, b uint8, f float64) uint8 {
	return uint8(math.Round(float64(a)*(1-f) + float64(b)*f))
}

func inRoundedSquare(u, v, r float64) bool {
	dx := math.Max(math.Max(r-u, u-(1-r)), 0)
	dy := math.Max(math.Max(r-v, v-(1-r)), 0)
	return dx*dx+dy*dy <= r*r
}

// inLeaf reports whether (u, v) lies in the leaf: the intersection of two
// discs (a vesica) tilted 45°, minus a thin midrib, plus a short stem.
func inLeaf(u, v float64) bool {
	// Rotate around the centre so the leaf runs from bottom-left to top-right.
	cx, cy := u-0.5, v-0.5
	a := math.Pi / 4
	x := cx*math.Cos(a) + cy*math.Sin(a)
	y := -cx*math.Sin(a) + cy*math.Cos(a)
	const half, bulge = 0.36, 0.16 // half length, half width
	// Circle through (±half, 0) and (0, ±bulge): radius R, centre offset d.
	R := (half*half + bulge*bulge) / (2 * bulge)
	d := R - bulge
	inVesica := x*x+(y-d)*(y-d) <= R*R && x*x+(y+d)*(y+d) <= R*R
	midrib := math.Abs(y) < 0.018 && x > -half+0.06 && x < half-0.1
	stem := math.Abs(y) < 0.025 && x <= -half+0.02 && x > -half-0.09
	return (inVesica && !midrib) || stem
}
