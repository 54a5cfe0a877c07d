package store

import "testing"

// FuzzPageToken feeds arbitrary page tokens: a token must decode to a cursor or to an
// InvalidError on page_token, never panic.
func FuzzPageToken(f *testing.F) {
	f.Add(cursor{Key: "Å-stad", ID: 7}.token())
	f.Add("")
	f.Add("not base64 !")
	f.Add("eyJpIjoiYSJ9")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := Page{Token: token}.cursor()
		if err != nil {
			if inv, ok := err.(*InvalidError); !ok || inv.Field != "page_token" {
				t.Fatalf("error %v is not an InvalidError on page_token", err)
			}
			return
		}
		if token != "" && c.token() == "" {
			t.Fatal("a decoded cursor does not encode again")
		}
	})
}
