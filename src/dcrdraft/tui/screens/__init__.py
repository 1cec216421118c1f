"""One screen per module: drafting, raw editing, review mode, and the modal dialogs."""
