package main

import "encoding/json"

// The accent colour and the header colours. They must match the custom properties in
// src/app.css: the browser paints theme_color around the app before the CSS loads.
const (
	accent     = "#0b5cad"
	themeLight = accent    // the header's background in light mode
	themeDark  = "#0f2a47" // the header's background in dark mode
)

// manifest is a web app manifest. Fields are written in this order, every time.
type manifest struct {
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	Description     string         `json:"description"`
	Lang            string         `json:"lang"`
	Dir             string         `json:"dir"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	ThemeColor      string         `json:"theme_color"`
	BackgroundColor string         `json:"background_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
}

func manifestJSON() ([]byte, error) {
	m := manifest{
		ID:              "/",
		Name:            "Samspel",
		ShortName:       "Samspel",
		Description:     "Samspelet mellan ordförande och direktör: anteckningar, avstämningar och överenskommelser.",
		Lang:            "sv",
		Dir:             "ltr",
		StartURL:        "/",
		Scope:           "/",
		Display:         "standalone",
		ThemeColor:      themeLight,
		BackgroundColor: "#ffffff",
	}
	for _, ic := range icons {
		m.Icons = append(m.Icons, manifestIcon{
			Src:     "/" + ic.name,
			Sizes:   ic.sizes(),
			Type:    "image/png",
			Purpose: ic.purpose,
		})
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
