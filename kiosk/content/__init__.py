"""slides.yaml → an immutable Show: the records, the loader with its messages, the schedule as data.

Imports nothing from the rest of kiosk but `clock`; everything else reads what this produces."""
