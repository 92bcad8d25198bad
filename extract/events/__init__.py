"""One package per event kind; `registry` lists them, `kind.EventKind` says what each provides."""
