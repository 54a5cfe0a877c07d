//go:build race

package browser

// raceDetector is true when the tests run with -race, which makes the server several
// times slower: timing targets are then measured and logged, not enforced.
const raceDetector = true
