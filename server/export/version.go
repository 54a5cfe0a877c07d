package export

import "runtime/debug"

// SoftwareVersion names this build in exported packages (METS, PREMIS): the module
// version and, when the build knows it, the commit. The server and the command line
// both export, so both ask here.
func SoftwareVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return v
}
