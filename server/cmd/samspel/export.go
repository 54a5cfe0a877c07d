package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

// exportCmd writes a term's archive package. The file is written beside its final name
// and renamed when complete, so a failed export never leaves a package that looks whole.
func exportCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	termSpec := fs.String("term", "", "the term: its id or its years, e.g. 2022-2026")
	org := fs.Int64("org", 0, "the organisation, when several have a term with those years")
	kind := fs.String("kind", "archive", "archive (a ZIP package), handover (an HTML dossier) or personal (the --user's own records, a ZIP)")
	user := fs.String("user", "", "e-mail of the person exporting (an administrator, or staff with the registrar permission)")
	out := fs.String("out", "", "file to write to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *termSpec == "" || *out == "" || *user == "" {
		return errors.New("export: --term, --user and --out are required")
	}
	if *kind != "archive" && *kind != "handover" && *kind != "personal" {
		return fmt.Errorf("export: --kind %s: say archive, handover or personal", *kind)
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	term, err := st.FindTerm(ctx, *org, *termSpec)
	if err != nil {
		return fmt.Errorf("export: term %s: %w", *termSpec, err)
	}
	p, err := st.PersonByEmail(ctx, *user)
	if err != nil {
		return fmt.Errorf("export: %s: %w", *user, err)
	}
	may, who := st.MayExportArchive, "administrators, or staff with the registrar permission"
	switch *kind {
	case "handover":
		may = func(ctx context.Context, person, _ int64) (bool, error) {
			return st.MayExportHandover(ctx, person, term)
		}
		who = "the chair and the director, administrators, or staff with the registrar permission"
	case "personal":
		// Anyone exports their own records; the export holds only what they took part in.
		may = func(context.Context, int64, int64) (bool, error) { return true, nil }
	}
	if ok, err := may(ctx, p.ID, term.OrganizationID); err != nil {
		return err
	} else if !ok {
		return fmt.Errorf("export: %s may not export the %s (%s)", *user, *kind, who)
	}
	tmp := *out + ".part"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	start := time.Now()
	actor := store.Actor{PersonID: p.ID}
	var sum export.Summary
	switch *kind {
	case "handover":
		err = st.WriteHandover(ctx, f, term, actor)
	case "personal":
		sum, err = st.WritePersonalExport(ctx, f, term, p, actor, export.SoftwareVersion())
	default:
		sum, err = st.WriteTermArchive(ctx, f, store.ArchiveRequest{
			Term: term, Actor: actor, ContactName: p.DisplayName, SoftwareVersion: export.SoftwareVersion(),
		})
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("export: %s exists", *out)
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	if *kind == "handover" {
		fmt.Fprintf(stdout, "handover dossier of %s, term %s, written to %s\n", term.OrganizationName, term.Years(), *out)
		return nil
	}
	fmt.Fprintf(stdout, "exported %s, term %s: %d records in %d files to %s (%s)\n",
		term.OrganizationName, term.Years(), sum.Records, sum.Files, *out, time.Since(start).Round(time.Millisecond))
	return nil
}

// importCmd loads an archive package into a new, empty data directory.
func importCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory for the new samspel.db (its database must be empty)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("import: name the package: samspel import --data DIR FILE")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	p, err := export.Open(f, fi.Size())
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.ImportArchive(ctx, store.Actor{}, p)
	if err != nil {
		return fmt.Errorf("import: %w; nothing was written", err)
	}
	fmt.Fprintf(stdout, "imported %s: %d records into %s\n", p.ID, n, *data)
	return nil
}

// registrarCmd gives (or with --revoke takes) the registrar permission: a STAFF member
// who may export the organisation's archive.
func registrarCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("registrar", flag.ContinueOnError)
	data := fs.String("data", "./data", "directory holding samspel.db")
	user := fs.String("user", "", "e-mail of a person holding the STAFF role")
	org := fs.Int64("org", 0, "the organisation")
	revoke := fs.Bool("revoke", false, "take the permission instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *user == "" || *org == 0 {
		return errors.New("registrar: --user and --org are required")
	}
	st, err := store.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.PersonByEmail(ctx, *user)
	if err != nil {
		return fmt.Errorf("registrar: %s: %w", *user, err)
	}
	if err := st.SetRegistrar(ctx, store.Actor{}, p.ID, *org, !*revoke); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("registrar: %s holds no STAFF role in organisation %d today", *user, *org)
		}
		return err
	}
	fmt.Fprintf(stdout, "%s registrar permission for %s\n", map[bool]string{false: "gave", true: "took"}[*revoke], *user)
	return nil
}
